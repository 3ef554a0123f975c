import { useEffect, useState } from 'preact/hooks';
import { call } from '../../utils/messages/client';
import type { NewsroomReport } from '../../utils/messages/protocol';

const POLL_MS = 2_000;

/**
 * The newsroom's status in the Desk header, in the same words as everywhere (the background
 * keeps the connection; this asks it every two seconds). Nothing is shown until a newsroom is
 * joined.
 */
export function NewsroomBadge() {
  const [report, setReport] = useState<NewsroomReport | null>(null);
  useEffect(() => {
    let stopped = false;
    const refresh = () => call('newsroom.status', null).then((r) => !stopped && setReport(r), () => {});
    void refresh();
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);
  if (!report?.joined) return null;
  const { state } = report.status;
  return (
    <p class={`newsroom-badge small state-${state}`} role="status" data-testid="desk-newsroom" data-state={state} title={report.problems ?? undefined}>
      {report.line}
      {report.problems && <span class="warn-text"> {report.problems}</span>}
      {(state === 'offline' || state === 'refused') && (
        <>
          {' '}
          <button type="button" class="linkish small" onClick={() => void call('newsroom.retry', null).then(setReport, () => {})}>
            Reconnect now
          </button>
        </>
      )}
    </p>
  );
}
