package net.iotgw.protocols.ike.codec;

import static net.iotgw.protocols.ike.codec.Fixtures.hex;
import static net.iotgw.protocols.ike.codec.IkeDecoderRejectsTest.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import net.iotgw.protocols.wire.DecodeError.Kind;
import net.iotgw.protocols.wire.Decoded;
import org.junit.jupiter.api.Test;

/**
 * Length and count fields at their maximum in short inputs: refused, and nothing allocated in
 * proportion to what they claim.
 */
class HugeLengthFieldTest {

  private static Kind refusedCheaply(byte[] input, Supplier<Decoded<?>> decode) {
    decode.get();
    long allocated = MutationFuzzTest.allocatedBy(decode::get);
    assertTrue(allocated <= MutationFuzzTest.allocationBound(input.length), allocated + " bytes");
    return failure(decode.get()).kind();
  }

  private static Kind outer(int first, String payloads) {
    byte[] m = IkeDecoderRejectsTest.message(first, payloads);
    return refusedCheaply(m, () -> IkeDecoder.decode(m));
  }

  private static Kind inner(int first, String payloads) {
    byte[] p = hex(payloads);
    return refusedCheaply(p, () -> IkeDecoder.decodePayloads(first, p));
  }

  @Test
  void headerLengthOfFourGigabytes() {
    byte[] m = hex(Fixtures.SA_INIT_HEX);
    m[24] = m[25] = m[26] = m[27] = (byte) 0xff;

    assertEquals(Kind.BAD_LENGTH, refusedCheaply(m, () -> IkeDecoder.decode(m)));
  }

  @Test
  void payloadLengthOf64KiB() {
    assertEquals(Kind.BAD_LENGTH, outer(43, "00 00 ffff 01020304"));
  }

  @Test
  void deleteCounting65535Spis() {
    assertEquals(Kind.BAD_LENGTH, inner(42, "00 00 000c 03 04 ffff 11111111"));
  }

  @Test
  void deleteCounting65535SpisOfSizeZero() {
    assertEquals(Kind.INVALID_SYNTAX, inner(42, "00 00 0008 03 00 ffff"));
  }

  @Test
  void tlvAttributeOf64KiB() {
    assertEquals(
        Kind.BAD_LENGTH,
        inner(33, "00 00 0018 00 00 0014 01 01 00 01  00 00 000c 01 00 000c 012c ffff"));
  }

  @Test
  void proposalWith255TransformsAndSpiSize255() {
    assertEquals(Kind.TRUNCATED, inner(33, "00 00 000c 00 00 0008 01 01 ff ff"));
  }

  @Test
  void tsPayloadCounting255Selectors() {
    assertEquals(Kind.TRUNCATED, inner(44, "00 00 0008 ff 000000"));
  }

  @Test
  void cpAttributeOf64KiB() {
    assertEquals(Kind.BAD_LENGTH, inner(47, "00 00 000c 01 000000 0001 ffff"));
  }

  @Test
  void notifySpiSizeOf255() {
    assertEquals(Kind.BAD_LENGTH, inner(41, "00 00 0008 03 ff 4009"));
  }

  @Test
  void chainOfEmptyUnknownPayloadsCostsAtMostTheBoundPerByte() {
    // 16383 empty payloads of unknown type 200, each naming the next: the densest valid input.
    int count = 16383;
    byte[] p = new byte[4 * count];
    for (int i = 0; i < count; i++) {
      p[4 * i] = (byte) (i == count - 1 ? 0 : 200);
      p[4 * i + 3] = 4;
    }
    Supplier<Decoded<?>> decode = () -> IkeDecoder.decodePayloads(200, p);
    decode.get();

    assertEquals(count, ((java.util.List<?>) decode.get().orThrow()).size());
    long allocated = MutationFuzzTest.allocatedBy(decode::get);
    assertTrue(allocated <= MutationFuzzTest.allocationBound(p.length), allocated + " bytes");
  }
}
