import { render } from 'preact';
import { DeskApp } from '../../components/desk/DeskApp';
import { listNewsletters } from '../../utils/presets';
import { listUserNewsletters } from '../../utils/storage/newsletters';
import { NewsdeskDb } from '../../utils/storage/schema';
import { readSettings } from '../../utils/storage/settings';
import '../../components/styles.css';
import './desk.css';

// The Desk reads and writes the database itself (unlike the popup) so liveQuery sees every change.
const db = new NewsdeskDb();
const params = new URLSearchParams(location.search);
const app = document.getElementById('app')!;

Promise.all([readSettings(db), listUserNewsletters(db)]).then(
  ([settings, userNewsletters]) => {
    const known = (id: string | null): id is string => id !== null && listNewsletters(userNewsletters).some((n) => n.id === id);
    const asked = params.get('newsletter');
    const newsletter = known(asked) ? asked : known(settings.newsletter) ? settings.newsletter : 'xmpp';
    render(<DeskApp db={db} newsletter={newsletter} initialIssue={params.get('issue')} userNewsletters={userNewsletters} />, app);
  },
  (error: unknown) => {
    app.textContent = error instanceof Error ? error.message : String(error);
  },
);
