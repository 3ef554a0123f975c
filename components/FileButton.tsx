import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';

/**
 * A real button (reachable by Tab, announced as a button) that opens the browser's file picker:
 * the file input itself stays hidden and out of the Tab order and the accessibility tree.
 */
export function FileButton(props: { accept: string; testId: string; disabled?: boolean; onPick: (input: HTMLInputElement) => void; children: ComponentChildren }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" onClick={() => input.current?.click()} disabled={props.disabled}>
        {props.children}
      </button>
      <input ref={input} type="file" accept={props.accept} hidden aria-hidden="true" tabIndex={-1} data-testid={props.testId} onChange={(e) => props.onPick(e.currentTarget)} />
    </>
  );
}
