import { render } from 'preact'; render(<p>Newsdesk</p>, document.getElementById('app')!);
