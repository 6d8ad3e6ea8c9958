/**
 * What counts as interactive: the element a visitor means when they click inside it. A negative
 * `tabindex` only makes an element focusable by script (app roots often carry one), so it is not.
 */
const INTERACTIVE =
  'a,button,input,select,textarea,label,summary,[role=button],[role=link],[role=tab],[role=menuitem],' +
  '[role=checkbox],[onclick],[tabindex]:not([tabindex^="-"])';

/**
 * The element a click meant: the closest interactive ancestor of the innermost target, found on
 * `composedPath()` so a click inside an open shadow root gets its real inner element (call it
 * while the event is dispatched); else the target itself, or the `<svg>` an icon's internals
 * (`path`, `use`) belong to.
 */
export function clickTarget(e: Event): Element {
  const p = e.composedPath() as Element[];
  const t = p[0] as SVGElement;
  return p.find((n) => n.matches?.(INTERACTIVE)) || t.ownerSVGElement || t;
}
