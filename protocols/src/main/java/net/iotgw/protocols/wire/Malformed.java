package net.iotgw.protocols.wire;

/**
 * Thrown inside a decoder by {@link WireReader} and caught at the decoder's boundary, where it
 * becomes a {@link Decoded.Failed}. Checked, so that it cannot escape a public decoder unnoticed.
 * No stack trace: it is control flow for hostile input, and must stay cheap.
 */
public final class Malformed extends Exception {
  private final DecodeError error;

  public Malformed(DecodeError error) {
    super(error.toString(), null, false, false);
    this.error = error;
  }

  public Malformed(DecodeError.Kind kind, int offset, String detail) {
    this(new DecodeError(kind, offset, detail));
  }

  public DecodeError error() {
    return error;
  }
}
