package net.iotgw.protocols.ike.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A whole IKE message as it travels: header and the payloads outside encryption. When the last
 * payload is {@link EncryptedPayload} or {@link EncryptedFragmentPayload}, the payloads inside it
 * are decoded separately, after decryption, with {@link IkeDecoder#decodePayloads}.
 */
public record IkeMessage(IkeHeader header, List<Payload> payloads) {

  public IkeMessage {
    payloads = List.copyOf(payloads);
  }

  /** The first payload of the given record type, if any. */
  public <T extends Payload> Optional<T> first(Class<T> kind) {
    for (Payload p : payloads) {
      if (kind.isInstance(p)) {
        return Optional.of(kind.cast(p));
      }
    }
    return Optional.empty();
  }

  /** Every payload of the given record type, in message order. */
  public <T extends Payload> List<T> all(Class<T> kind) {
    List<T> out = new ArrayList<>();
    for (Payload p : payloads) {
      if (kind.isInstance(p)) {
        out.add(kind.cast(p));
      }
    }
    return out;
  }
}
