import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { NewsdeskDb } from '../../utils/storage/schema';

/** A fresh, isolated IndexedDB (fake-indexeddb) for one test. */
export function freshIndexedDb() {
  return { indexedDB: new IDBFactory(), IDBKeyRange };
}

export function openTestDb(idb = freshIndexedDb(), upTo?: number): NewsdeskDb {
  return new NewsdeskDb('newsdesk-test', idb, upTo);
}
