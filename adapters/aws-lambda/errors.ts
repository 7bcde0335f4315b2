/**
 * Errors the adapter raises itself, as opposed to errors from the runtime core or user code.
 * The handler turns them into a JSON response with `status` (usually 400 for events or requests
 * it cannot translate); every other exception becomes an opaque 500.
 */
export class AdapterError extends Error {
  /** HTTP status to answer with. */
  readonly status: number;

  /**
   * @param status HTTP status for the response.
   * @param message Safe to show to the caller: it ends up in the response body.
   * @param name `name` field of the JSON error body (defaults to `AdapterError`).
   */
  constructor(status: number, message: string, name = 'AdapterError') {
    super(message);
    this.status = status;
    this.name = name;
  }
}
