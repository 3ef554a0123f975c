/**
 * What the injected script reads off a page. The shapes are defined once, as zod schemas, by
 * the page-kind adapters (utils/adapters); this module keeps the names existing code imports.
 */
export type {
  ErrorPageInfo,
  EventInfo,
  FieldSource,
  InlinePart,
  MailInfo,
  PageCapture,
  PageKind,
  ReleaseInfo,
  Repository,
  SourcedField,
  VideoInfo,
  XepInfo,
  XepRevision,
} from '../adapters';
export { PAGE_KINDS, pageCaptureSchema } from '../adapters';
