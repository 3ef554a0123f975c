import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * Renders the first items of a long list and more as the user scrolls near the end, so a
 * section with thousands of items costs what the screen shows. No measuring, no fixed heights:
 * cards keep their natural size (and their editors), and Ctrl+F still finds rendered text.
 */
export function LazyList<T>({
  items,
  keyOf,
  children,
  initial = 40,
  step = 100,
  as: Tag = 'ul',
  class: className,
}: {
  items: readonly T[];
  keyOf: (item: T) => string;
  children: (item: T, index: number) => ComponentChildren;
  initial?: number;
  step?: number;
  as?: 'ul' | 'ol';
  class?: string;
}) {
  const [limit, setLimit] = useState(initial);
  const sentinel = useRef<HTMLLIElement>(null);
  const more = items.length > limit;

  useEffect(() => {
    const node = sentinel.current;
    if (!node || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setLimit((n) => n + step);
      },
      { rootMargin: '800px 0px' },
    );
    observer.observe(node);
    return () => observer.disconnect();
  }, [more, step]);

  return (
    <Tag class={className}>
      {items.slice(0, limit).map((item, i) => (
        <li key={keyOf(item)} data-id={keyOf(item)}>{children(item, i)}</li>
      ))}
      {more && (
        <li ref={sentinel} class="muted small lazy-more" aria-hidden="true">
          {items.length - limit} more…
        </li>
      )}
    </Tag>
  );
}
