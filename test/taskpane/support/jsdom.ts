/**
 * jsdom lays nothing out, so nothing ever resizes: a ResizeObserver that never reports is exactly
 * what a browser would do here. Fluent's MessageBar needs the constructor to exist.
 */
export function installResizeObserver(): void {
  const global = globalThis as { ResizeObserver?: unknown };
  global.ResizeObserver ??= class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
}
