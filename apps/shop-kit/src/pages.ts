const style = `
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 44rem; margin: 2rem auto; padding: 0 1rem; color: #1d2330; }
  h1 { font-size: 1.5rem; } .muted { color: #667; font-size: .9rem; }
  table { width: 100%; border-collapse: collapse; } td, th { padding: .4rem; border-bottom: 1px solid #e4e6eb; text-align: left; }
  input[type=number] { width: 4rem; } button { font: inherit; padding: .5rem 1rem; border-radius: .4rem; border: 0; background: #1677ff; color: #fff; cursor: pointer; }
  button[disabled] { background: #9bb; } .status { font-weight: 700; } .error { color: #b00020; }
`;

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function layout(title: string, body: string, script: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${style}</style></head><body>${body}<script>${script}</script></body></html>`;
}

const money = `function money(m){var d={JPY:0,KRW:0,VND:0,IDR:0,CLP:0}[m.currency];d=d===undefined?2:d;var v=Number(m.value)/Math.pow(10,d);return m.currency+' '+v.toFixed(d);}`;

/** The storefront: products from /api/products; the order total is computed by the server. */
export function storefrontPage(shopName: string, modeNote: string): string {
  return layout(
    shopName,
    `<h1>${escapeHtml(shopName)}</h1><p class="muted">${escapeHtml(modeNote)}</p>
<table><thead><tr><th>Product</th><th>Price</th><th>Qty</th></tr></thead><tbody id="products"></tbody></table>
<p><button data-testid="checkout" id="checkout">Checkout</button> <span id="error" class="error"></span></p>
<form id="pay" method="post" hidden></form>`,
    `${money}
fetch('/api/products').then(function(r){return r.json()}).then(function(products){
  var tbody=document.getElementById('products');
  products.forEach(function(p,i){var tr=document.createElement('tr');
    tr.innerHTML='<td></td><td></td><td><input type="number" min="0" max="99" value="'+(i===0?1:0)+'" data-sku="" data-testid="qty-'+p.sku+'"></td>';
    tr.children[0].textContent=p.name;tr.children[1].textContent=money(p.price);tr.querySelector('input').dataset.sku=p.sku;tbody.appendChild(tr);});
});
document.getElementById('checkout').addEventListener('click',function(){
  var items=[].slice.call(document.querySelectorAll('input[data-sku]')).map(function(i){return {sku:i.dataset.sku,quantity:Number(i.value)}}).filter(function(i){return i.quantity>0});
  var button=this;button.disabled=true;
  fetch('/api/orders',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({items:items})})
    .then(function(r){return r.json().then(function(b){if(!r.ok)throw new Error(b.error||r.statusText);return b})})
    .then(function(order){var f=document.getElementById('pay');f.action='/api/orders/'+encodeURIComponent(order.orderId)+'/checkout';f.submit();})
    .catch(function(e){document.getElementById('error').textContent=e.message;button.disabled=false;});
});`,
  );
}

/** The return page (`paymentRedirectUrl`): shows the order's live status, which only notifications change. */
export function orderPage(shopName: string, orderId: string): string {
  const id = JSON.stringify(orderId).replace(/</g, '\\u003c');
  return layout(
    `Order ${orderId} · ${shopName}`,
    `<h1>Order <code>${escapeHtml(orderId)}</code></h1>
<p>Status: <span class="status" data-testid="order-status" id="status">…</span></p>
<p>Amount: <span id="amount" data-testid="order-amount"></span></p>
<ul id="refunds"></ul>
<details><summary>Refund (shop staff)</summary>
<p><label>Admin token <input id="token" type="password" data-testid="admin-token"></label></p>
<p><button id="refund" data-testid="refund">Refund the rest</button> <span id="refund-result" class="muted"></span></p></details>
<p><a href="/">Back to the shop</a></p>`,
    `${money}var orderId=${id};var FINAL={PAID:1,FAILED:1,CANCELLED:1,REFUNDED:1};
function load(){fetch('/api/orders/'+encodeURIComponent(orderId)).then(function(r){return r.json()}).then(function(o){
  document.getElementById('status').textContent=o.status;document.getElementById('amount').textContent=money(o.amount);
  var ul=document.getElementById('refunds');ul.innerHTML='';(o.refunds||[]).forEach(function(f){var li=document.createElement('li');li.textContent='Refund '+money(f.amount)+': '+f.status;ul.appendChild(li);});
  var waiting=!FINAL[o.status]||(o.refunds||[]).some(function(f){return f.status==='PROCESSING'});poll(waiting?700:3000);
}).catch(function(){poll(2000)});}
var timer;function poll(ms){clearTimeout(timer);timer=setTimeout(load,ms);}
load();
document.getElementById('refund').addEventListener('click',function(){
  fetch('/api/orders/'+encodeURIComponent(orderId)+'/refunds',{method:'POST',headers:{'content-type':'application/json',authorization:'Bearer '+document.getElementById('token').value},body:'{}'})
   .then(function(r){return r.json().then(function(b){document.getElementById('refund-result').textContent=r.ok?'Refund requested':((b.error&&b.error.message)||b.error||r.statusText);if(r.ok)poll(300);})});
});`,
  );
}
