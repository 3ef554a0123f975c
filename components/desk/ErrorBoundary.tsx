import { Component, type ComponentChildren } from 'preact';

/**
 * Keeps a failure inside the part of the page that failed: one item's preview that throws
 * (a parser overflowing its stack, a damaged record) shows `fallback` in its place, and the
 * rest of the Desk goes on. It tries again when `resetKey` changes (the text was edited).
 */
export class ErrorBoundary extends Component<
  { fallback: (error: Error) => ComponentChildren; resetKey?: unknown; children?: ComponentChildren },
  { error: Error | null; key: unknown }
> {
  override state = { error: null as Error | null, key: this.props.resetKey };

  static override getDerivedStateFromProps(props: { resetKey?: unknown }, state: { key: unknown }) {
    return props.resetKey === state.key ? null : { error: null, key: props.resetKey };
  }

  static override getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render() {
    return this.state.error ? this.props.fallback(this.state.error) : this.props.children;
  }
}
