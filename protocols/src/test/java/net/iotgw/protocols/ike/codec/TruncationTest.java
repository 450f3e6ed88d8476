package net.iotgw.protocols.ike.codec;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every proper prefix of a valid message is refused as a value, never by an exception. */
class TruncationTest {

  static List<byte[]> validDatagrams() {
    IkeHeader h = IkeHeader.of(1, 2, ExchangeType.IKE_AUTH, true, false, 1);
    return List.of(
        Fixtures.hex(Fixtures.SA_INIT_HEX),
        IkeEncoder.encode(Fixtures.authRequest()),
        IkeEncoder.encode(new IkeMessage(h, Fixtures.everyPayload())),
        IkeEncoder.encode(
            new IkeMessage(
                h, List.of(new EncryptedFragmentPayload(35, 1, 2, Fixtures.seq(0, 48))))));
  }

  static byte[] withLengthField(byte[] m) {
    byte[] out = m.clone();
    if (out.length >= IkeHeader.LENGTH) {
      out[24] = (byte) (out.length >>> 24);
      out[25] = (byte) (out.length >>> 16);
      out[26] = (byte) (out.length >>> 8);
      out[27] = (byte) out.length;
    }
    return out;
  }

  @Test
  void everyPrefixOfAValidMessageFails() {
    for (byte[] m : validDatagrams()) {
      for (int n = 0; n < m.length; n++) {
        assertFalse(IkeDecoder.decode(Arrays.copyOf(m, n)).isOk(), "prefix of " + n + " bytes");
      }
    }
  }

  @Test
  void everyPrefixFailsEvenWhenItsHeaderLengthAgrees() {
    for (byte[] m : validDatagrams()) {
      for (int n = 0; n < m.length; n++) {
        byte[] prefix = withLengthField(Arrays.copyOf(m, n));
        assertFalse(IkeDecoder.decode(prefix).isOk(), "prefix of " + n + " bytes");
      }
    }
  }

  @Test
  void everyPrefixOfSkPlaintextFails() {
    for (List<Payload> inner : List.of(Fixtures.everyPayload(), Fixtures.authInner())) {
      byte[] plaintext = IkeEncoder.encodePayloads(inner);
      int first = IkeEncoder.firstPayloadType(inner);
      for (int n = 0; n < plaintext.length; n++) {
        assertFalse(
            IkeDecoder.decodePayloads(first, Arrays.copyOf(plaintext, n)).isOk(),
            "prefix of " + n + " bytes");
      }
    }
  }
}
