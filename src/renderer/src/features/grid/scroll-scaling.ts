/**
 * Scroll scaling: browsers cap an element's height (about 16.7M px in Chromium, 33.5M in
 * Firefox), and 1,000,000 rows of 28 px need 28M. Above MAX_REAL_HEIGHT the body keeps that
 * real height and the scroll position is mapped onto the "virtual" one (rows × row height), so
 * the scrollbar still spans every row and the last one is reachable.
 *
 * TanStack Virtual works in virtual pixels through a ScaledScroller: an adapter with the
 * members of a scroll element it reads (scrollTop, scrollHeight, clientHeight, scrollTo, scroll
 * events) that converts to and from the real element.
 */

export const ROW_HEIGHT = 28;
export const HEADER_HEIGHT = 30;
/** Well under every browser's cap, with room for the header and rounding. */
export const MAX_REAL_HEIGHT = 8_000_000;

export interface ScrollScale {
  /** Rows × row height. */
  virtualHeight: number;
  /** What the body element really is tall. */
  realHeight: number;
  /** Virtual pixels per real pixel of scroll; 1 below the cap. */
  scale: number;
}

/** The scale that maps the real scroll range [0, realHeight − viewport] onto [0, virtualHeight − viewport]. */
export function scrollScale(virtualHeight: number, viewportHeight: number, maxReal = MAX_REAL_HEIGHT): ScrollScale {
  if (virtualHeight <= maxReal) return { virtualHeight, realHeight: virtualHeight, scale: 1 };
  const realRange = maxReal - viewportHeight;
  const virtualRange = virtualHeight - viewportHeight;
  return { virtualHeight, realHeight: maxReal, scale: realRange > 0 ? virtualRange / realRange : 1 };
}

/** The virtual offset that puts `index` fully in view (or null when it already is). */
export function offsetToReveal(index: number, rowHeight: number, virtualTop: number, viewportHeight: number): number | null {
  const start = index * rowHeight;
  const end = start + rowHeight;
  if (start < virtualTop) return start;
  if (end > virtualTop + viewportHeight) return Math.max(0, end - viewportHeight);
  return null;
}

type Listener = (e: Event) => void;

/**
 * The scroll element as TanStack Virtual sees it: virtual pixels for the body only (the sticky
 * header is taken out of the height). Writes remember their exact virtual target, so a position
 * the browser rounds to a whole real pixel still reads back exactly.
 */
export class ScaledScroller {
  element: HTMLElement | null = null;
  scale = 1;
  virtualHeight = 0;
  headerHeight = HEADER_HEIGHT;
  private virtualTop = 0;

  attach(element: HTMLElement | null): void {
    this.element = element;
  }

  /** Call when the rows or the viewport change; keeps the position of the first row in view. */
  configure(scale: ScrollScale): void {
    if (scale.scale === this.scale && scale.virtualHeight === this.virtualHeight) return;
    const top = this.scrollTop;
    this.scale = scale.scale;
    this.virtualHeight = scale.virtualHeight;
    this.virtualTop = Math.min(top, this.maxVirtualTop());
    const el = this.element;
    if (el && Math.abs(el.scrollTop - this.virtualTop / this.scale) >= 1) el.scrollTop = this.virtualTop / this.scale;
  }

  get ownerDocument(): Document {
    return this.element?.ownerDocument ?? document;
  }

  get style(): CSSStyleDeclaration | undefined {
    return this.element?.style;
  }

  /** Body viewport: the element's client height without the sticky header. */
  get clientHeight(): number {
    return Math.max(0, (this.element?.clientHeight ?? 0) - this.headerHeight);
  }

  get clientWidth(): number {
    return this.element?.clientWidth ?? 0;
  }

  get scrollHeight(): number {
    return Math.max(this.virtualHeight, this.clientHeight);
  }

  get scrollWidth(): number {
    return this.element?.scrollWidth ?? 0;
  }

  get scrollLeft(): number {
    return this.element?.scrollLeft ?? 0;
  }

  /** The virtual offset of the body's top edge in view. */
  get scrollTop(): number {
    const el = this.element;
    if (!el) return this.virtualTop;
    const real = el.scrollTop;
    // Our own last write, as the browser rounded it: keep its exact virtual value.
    if (Math.abs(real - this.virtualTop / this.scale) < 1) return this.virtualTop;
    this.virtualTop = Math.min(real * this.scale, this.maxVirtualTop());
    return this.virtualTop;
  }

  /** The real scroll offset (what the element says), for placing rows in the real body. */
  get realTop(): number {
    return this.element?.scrollTop ?? 0;
  }

  maxVirtualTop(): number {
    return Math.max(0, this.virtualHeight - this.clientHeight);
  }

  scrollTo(options: ScrollToOptions): void {
    const el = this.element;
    if (!el) return;
    const next: ScrollToOptions = { behavior: options.behavior };
    if (options.top !== undefined) {
      this.virtualTop = Math.min(Math.max(0, options.top), this.maxVirtualTop());
      next.top = this.virtualTop / this.scale;
    }
    if (options.left !== undefined) next.left = options.left;
    if (typeof el.scrollTo === 'function') el.scrollTo(next);
    else {
      // Not every DOM has scrollTo (jsdom); the properties do the same without smoothness.
      if (next.top !== undefined) el.scrollTop = next.top;
      if (next.left !== undefined) el.scrollLeft = next.left;
    }
  }

  /** Moves by a number of virtual pixels (wheel, keys): the same speed at any scale. */
  scrollBy(deltaTop: number, deltaLeft = 0): void {
    const el = this.element;
    if (!el) return;
    this.scrollTo({ top: this.scrollTop + deltaTop, left: el.scrollLeft + deltaLeft });
  }

  addEventListener(type: string, listener: Listener, options?: AddEventListenerOptions | boolean): void {
    this.element?.addEventListener(type, listener, options);
  }

  removeEventListener(type: string, listener: Listener): void {
    this.element?.removeEventListener(type, listener);
  }
}
