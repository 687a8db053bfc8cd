/** Base class of every error the project throws on purpose; code branches on subclasses, never on messages. */
export class GazetteError extends Error {
  override name = 'GazetteError';
}

/**
 * Raw bytes that cannot be read as text: binary content or an undecodable byte sequence.
 * `byteOffset` is the 0-based offset of the first offending byte in the file.
 */
export class DecodeError extends GazetteError {
  override name = 'DecodeError';
  constructor(
    readonly file: string,
    readonly byteOffset: number,
    reason: string,
  ) {
    super(`${file}: cannot decode at byte offset ${byteOffset}: ${reason}`);
  }
}
