import { render } from 'preact';
import { Popup } from '../../components/Popup';
import '../../components/styles.css';
import './popup.css';

const app = document.getElementById('app')!;
app.textContent = ''; // the static "Reading the page…" shown while this script loaded
render(<Popup />, app);
