import { render } from 'preact';
import { Popup } from '../../components/Popup';
import '../../components/styles.css';
import './popup.css';

render(<Popup />, document.getElementById('app')!);
