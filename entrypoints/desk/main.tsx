import { render } from 'preact';
import { DeskApp } from '../../components/desk/DeskApp';
import { presets } from '../../utils/presets';
import { NewsdeskDb } from '../../utils/storage/schema';
import { readSettings } from '../../utils/storage/settings';
import '../../components/styles.css';
import './desk.css';

// The Desk reads and writes the database itself (unlike the popup) so liveQuery sees every change.
const db = new NewsdeskDb();
const params = new URLSearchParams(location.search);
const app = document.getElementById('app')!;

readSettings(db).then(
  (settings) => {
    const asked = params.get('newsletter');
    const newsletter = asked && presets[asked] ? asked : settings.newsletter in presets ? settings.newsletter : 'xmpp';
    render(<DeskApp db={db} newsletter={newsletter} initialIssue={params.get('issue')} />, app);
  },
  (error: unknown) => {
    app.textContent = error instanceof Error ? error.message : String(error);
  },
);
