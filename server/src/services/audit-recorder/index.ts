import type { ServiceFactory } from '../service.ts';
import { AuditRecorder } from './audit-recorder.ts';

export { AuditRecorder, AUDIT_RECORDER_GROUP, type AuditRecorderOptions } from './audit-recorder.ts';

/** Creates the audit recorder (SPEC §12 item 1) on the store of DATABASE_URL, else embedded PGlite in DATA_DIR. */
export const createAuditRecorderService: ServiceFactory = (deps) => new AuditRecorder(deps);
