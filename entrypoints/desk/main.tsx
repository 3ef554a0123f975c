import { render } from 'preact';
import { DeskApp } from '../../components/desk/DeskApp';
import { PageStorage } from '../../utils/storage/page-storage';
import { NewsdeskDb } from '../../utils/storage/schema';
import '../../components/styles.css';
import './desk.css';

// The Desk reads and writes the database itself (unlike the popup) so liveQuery sees every change.
const storage = new PageStorage(new NewsdeskDb());
const params = new URLSearchParams(location.search);
const app = document.getElementById('app')!;

Promise.all([storage.settings(), storage.userNewsletters(), storage.newsletters()]).then(
  ([settings, userNewsletters, all]) => {
    const known = (id: string | null): id is string => id !== null && all.some((n) => n.id === id);
    const asked = params.get('newsletter');
    const newsletter = known(asked) ? asked : known(settings.newsletter) ? settings.newsletter : 'xmpp';
    render(<DeskApp storage={storage} newsletter={newsletter} initialIssue={params.get('issue')} userNewsletters={userNewsletters} />, app);
  },
  (error: unknown) => {
    app.textContent = error instanceof Error ? error.message : String(error);
  },
);
