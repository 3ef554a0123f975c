import { browser } from 'wxt/browser';
import { registerClipMenu } from '../utils/clip/context-menu';
import { extractFromTab } from '../utils/clip/inject';
import { createHandlers } from '../utils/clip/service';
import { serve } from '../utils/messages/server';
import { NewsdeskDb } from '../utils/storage/schema';
import { browserCredentials } from '../utils/sync/credentials';
import { createNewsroomService } from '../utils/sync/service';

const NEWSROOM_ALARM = 'newsroom';

// Storage lives here, behind messages, so the popup never loads Dexie. The newsroom's
// connection lives here too: one per browser, whichever pages are open.
export default defineBackground(() => {
  const db = new NewsdeskDb();
  const newsroom = createNewsroomService({
    db,
    credentials: browserCredentials(),
    // MV3 stops an idle service worker: while a newsroom is joined, an alarm wakes it every
    // minute, and each wake-up reconnects, catches up and sends what is waiting.
    wakeUps: {
      start: () => void browser.alarms.create(NEWSROOM_ALARM, { periodInMinutes: 1 }),
      stop: () => void browser.alarms.clear(NEWSROOM_ALARM),
    },
  });
  const menu = registerClipMenu();
  serve({ ...createHandlers({ db, extract: extractFromTab, menuClip: (tabId) => menu.pending.take(tabId) }), ...newsroom.handlers });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === NEWSROOM_ALARM) void newsroom.wake();
  });
  browser.runtime.onStartup.addListener(() => void newsroom.wake());
  globalThis.addEventListener?.('online', () => newsroom.retry());
  void newsroom.wake();
  // WXT exposes this as `background` in the service worker: `background.menu.onClicked(info, tab)`
  // replays a menu click from its console (and from the browser tests; no protocol can click a menu).
  return { menu };
});
