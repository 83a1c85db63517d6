import { AntomClient } from '../client';
import { type GatewayAnswer, type ReceivedRequest, startGateway, type TestGateway } from '../client/test-gateway';
import { generateTestKeyPair } from '../testing';

interface Payment {
  paymentId: string;
  paymentStatus: string;
  paymentAmount: { currency: string; value: string };
}

const result = (resultStatus: string, resultCode = 'SUCCESS') => ({
  resultStatus,
  resultCode,
  resultMessage: resultCode,
});

/**
 * A stateful stand-in for Antom's payment endpoints on the signing test gateway: requests are verified with the
 * merchant key and answers signed with the Antom key. Amount `11` is a risk rejection (as in Antom's sandbox),
 * `12` stays PROCESSING, `13` drops the connection.
 */
function answer(payments: Map<string, Payment>) {
  return (request: ReceivedRequest): GatewayAnswer => {
    if (!request.signatureValid) return { body: { result: result('F', 'INVALID_SIGNATURE') } };
    const body = JSON.parse(request.body.toString()) as Record<string, any>;
    const path = request.path;
    if (path.endsWith('/pay') || path.endsWith('/createPaymentSession')) {
      const value = body.paymentAmount.value as string;
      if (value === '11') return { body: { result: result('F', 'RISK_REJECT') } };
      if (value === '13') return { destroy: true };
      const paymentId = `pay_${body.paymentRequestId}`;
      const paymentStatus = value === '12' ? 'PROCESSING' : 'SUCCESS';
      payments.set(body.paymentRequestId, { paymentId, paymentStatus, paymentAmount: body.paymentAmount });
      const normalUrl = `https://cashier.test/${paymentId}`;
      if (path.endsWith('/pay')) return { body: { result: result('U', 'PAYMENT_IN_PROCESS'), paymentId, normalUrl } };
      return {
        body: { result: result('S'), paymentSessionId: `ps_${paymentId}`, paymentSessionData: 'data', normalUrl },
      };
    }
    if (path.endsWith('/inquiryPayment')) {
      const payment = payments.get(body.paymentRequestId);
      if (!payment) return { body: { result: result('F', 'ORDER_NOT_EXIST') } };
      return { body: { result: result('S'), paymentRequestId: body.paymentRequestId, ...payment } };
    }
    if (path.endsWith('/refund')) {
      return {
        body: { result: result('S'), refundRequestId: body.refundRequestId, refundId: `rf_${body.refundRequestId}` },
      };
    }
    return { body: { result: result('F', 'NO_INTERFACE_DEF') } };
  };
}

export interface TestAntom {
  client: AntomClient;
  gateway: TestGateway;
  /** The JSON bodies the gateway received on paths ending with `suffix`, oldest first. */
  sent(suffix: string): Record<string, any>[];
  close(): Promise<void>;
}

export async function startTestAntom(): Promise<TestAntom> {
  const merchant = generateTestKeyPair();
  const antom = generateTestKeyPair();
  const gateway = await startGateway({
    merchantPublicKey: merchant.publicKeyObject,
    antomPrivateKey: antom.privateKeyObject,
    answer: answer(new Map()),
  });
  const client = new AntomClient({
    clientId: 'ROUTES_TEST',
    privateKey: merchant.privateKey,
    antomPublicKey: antom.publicKey,
    gateway: gateway.origin,
    maxRetries: 0,
  });
  return {
    client,
    gateway,
    sent: (suffix) => gateway.requests.filter((r) => r.path.endsWith(suffix)).map((r) => JSON.parse(r.body.toString())),
    close: async () => {
      await client.close();
      await gateway.close();
    },
  };
}
