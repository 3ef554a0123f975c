import { extractFromTab } from '../utils/clip/inject';
import { createHandlers } from '../utils/clip/service';
import { serve } from '../utils/messages/server';
import { NewsdeskDb } from '../utils/storage/schema';

// Storage lives here, behind messages, so the popup never loads Dexie.
export default defineBackground(() => {
  serve(createHandlers({ db: new NewsdeskDb(), extract: extractFromTab }));
});
