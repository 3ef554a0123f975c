import { render } from 'preact';
import { OptionsView } from '../../components/OptionsView';
import { PageStorage } from '../../utils/storage/page-storage';
import { NewsdeskDb } from '../../utils/storage/schema';
import '../../components/styles.css';

// The options page reads and writes IndexedDB itself (backups of any size never cross a message).
document.body.style.cssText = 'max-width: 560px; margin: 0 auto; padding: 16px;';
render(<OptionsView storage={new PageStorage(new NewsdeskDb())} />, document.getElementById('app')!);
