import { describe, expect, it } from 'vitest';
import { visible } from './explain';
import { colours } from './io';

describe('colours', () => {
  it('only on a TTY, never with NO_COLOR, forced with FORCE_COLOR=1', () => {
    expect(colours({ isTTY: true }, {}).red('x')).toBe('\u001b[31mx\u001b[0m');
    expect(colours({ isTTY: false }, {}).red('x')).toBe('x');
    expect(colours({ isTTY: true }, { NO_COLOR: '' }).red('x')).toBe('x');
    expect(colours({ isTTY: false }, { FORCE_COLOR: '1' }).on).toBe(true);
    expect(colours({ isTTY: false }, { FORCE_COLOR: '1', NO_COLOR: '1' }).on).toBe(false);
  });
});

describe('visible', () => {
  it('shows line feeds, CR, tabs, BOM, NBSP and trailing spaces', () => {
    expect(visible('\uFEFFa\tb\r\nc \u00a0d  ')).toBe('<U+FEFF>a\\tb\\r\\n\nc <U+00A0>d··');
    expect(visible('日本 ok')).toBe('日本 ok');
  });
});
