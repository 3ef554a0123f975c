import { render } from 'preact';
import { Popup, prepareClip } from '../../components/Popup';
import '../../components/styles.css';
import './popup.css';

// Ask the background to read the page first, then render while it works.
const preparation = prepareClip();
// The Popup shows a failure once it has rendered; until then it is not "unhandled".
preparation.catch(() => {});
const app = document.getElementById('app')!;
app.textContent = ''; // the static "Reading the page…" shown while this script loaded
render(<Popup preparation={preparation} />, app);
