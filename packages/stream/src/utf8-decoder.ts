// TextDecoder exists in every runtime sqlrs targets, but this package compiles without Node or DOM
// types; declaring the small part we use here, module-locally, avoids clashing with those globals.

/** The streaming subset of the WHATWG TextDecoder used by the NDJSON reader. */
export interface Utf8Decoder {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}

interface Utf8DecoderConstructor {
  new (label: 'utf-8', options?: { fatal?: boolean }): Utf8Decoder;
}

/** A new streaming UTF-8 decoder that replaces invalid sequences with U+FFFD. */
export function newUtf8Decoder(): Utf8Decoder {
  const { TextDecoder } = globalThis as unknown as { TextDecoder: Utf8DecoderConstructor };
  return new TextDecoder('utf-8');
}
