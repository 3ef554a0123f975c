import { render } from 'preact';
import { OptionsView } from '../../components/OptionsView';
import '../../components/styles.css';

document.body.style.cssText = 'max-width: 560px; margin: 0 auto; padding: 16px;';
render(<OptionsView />, document.getElementById('app')!);
