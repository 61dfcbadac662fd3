/** A collection that cannot succeed by retrying: the account is marked failed with this sentence. */
export class ReportAccountError extends Error {
  override name = 'ReportAccountError';
}
