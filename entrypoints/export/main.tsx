import { render } from 'preact';
import { ExportView } from '../../components/ExportView';
import '../../components/styles.css';
import './export.css';

const params = new URLSearchParams(location.search);
render(
  <ExportView newsletter={params.get('newsletter') ?? 'xmpp'} initialIssue={params.get('issue')} />,
  document.getElementById('app')!,
);
