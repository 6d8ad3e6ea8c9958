import { afterEach, describe, expect, it } from 'vitest';
import { elementName, MAX_NAME } from './element-name.js';

afterEach(() => {
  document.body.innerHTML = '';
});

const $ = (sel: string) => document.querySelector(sel)!;

describe('elementName', () => {
  it('names by accessible name first, then visible text', () => {
    document.body.innerHTML = `
      <button id="a" aria-label="Close dialog">×</button>
      <span id="l1">Generate</span><span id="l2">Report</span><a id="b" aria-labelledby="l1 l2" href="#">x</a>
      <a id="c" href="#">  Buy
        now  </a>
      <a id="d" href="#"><img alt="Logo" src="x.png"></a>
      <div id="e" title="Help"></div>`;
    expect(elementName($('#a'))).toBe('Close dialog');
    expect(elementName($('#b'))).toBe('Generate Report');
    expect(elementName($('#c'))).toBe('Buy now');
    expect(elementName($('#d'))).toBe('Logo');
    expect(elementName($('#e'))).toBe('Help');
  });

  it('never holds a form field’s value: fields by their labels, containers without their fields', () => {
    document.body.innerHTML = `
      <label id="lab">Email <input id="email" value="alice@example.com"></label>
      <input id="pw" type="password" value="hunter2" placeholder="Password">
      <textarea id="t">my secret note</textarea>
      <select id="s"><option>Visa 4242</option></select>
      <div id="box">Total <input value="secret-one"><textarea>secret-two</textarea>
        <span contenteditable>secret-three</span>
        <select><option selected>secret-four</option></select></div>
      <input id="bare" value="secret-five">
      <input id="go" type="submit" value="Send">`;
    const email = $('#email') as HTMLInputElement;
    email.value = 'typed@example.com';
    expect(elementName(email)).toBe('Email');
    expect(elementName($('#lab'))).toBe('Email');
    expect(elementName($('#pw'))).toBe('Password');
    expect(elementName($('#t'))).toBe('');
    expect(elementName($('#s'))).toBe('');
    expect(elementName($('#box'))).toBe('Total');
    expect(elementName($('#bare'))).toBe('');
    expect(elementName($('#go'))).toBe('Send');
    const all = ['#email', '#lab', '#pw', '#t', '#s', '#box', '#bare'].map((s) => elementName($(s))).join(' ');
    expect(all).not.toMatch(/secret|alice|typed|hunter2|Visa/);
  });

  it('names masked elements and their insides nothing, and skips masked text in a container', () => {
    document.body.innerHTML = `
      <div id="m" data-heatlens-mask><a id="in" href="#">Jane Secret</a></div>
      <div id="o" class="private">Order 999</div>
      <p id="p">Hello <span data-heatlens-mask>Jane</span> welcome</p>`;
    expect(elementName($('#m'))).toBe('');
    expect(elementName($('#in'))).toBe('');
    expect(elementName($('#o'), ['.private'])).toBe('');
    expect(elementName($('#o'))).toBe('Order 999');
    expect(elementName($('#p'))).toBe('Hello welcome');
  });

  it(`cuts long text at ${MAX_NAME} characters`, () => {
    document.body.innerHTML = `<p id="p">${'word '.repeat(40)}</p>`;
    const name = elementName($('#p'));
    expect(name.length).toBeLessThanOrEqual(MAX_NAME);
    expect(name.endsWith('…')).toBe(true);
  });
});
