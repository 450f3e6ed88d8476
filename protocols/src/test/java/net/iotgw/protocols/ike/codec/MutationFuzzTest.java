package net.iotgw.protocols.ike.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.iotgw.protocols.wire.Decoded;
import net.iotgw.testing.Mutations;
import org.junit.jupiter.api.Test;

/**
 * Seeded random mutations of valid messages: the decoder returns a value every time (an exception
 * fails the test), what it accepts re-encodes to a fixed point, and the bytes it allocates stay
 * proportional to the input, whatever the length fields claim.
 */
class MutationFuzzTest {
  private static final int ROUNDS = 100_000;

  /**
   * Allocation allowed per decode: object headers make a record cost more than the 4 bytes of wire
   * that can produce it (about 26 bytes per input byte for a chain of empty payloads, see {@link
   * HugeLengthFieldTest}), but an allocation sized by a length field (up to 64 KiB from 16 bits, 4
   * GiB from the header) exceeds it.
   */
  static long allocationBound(int inputLength) {
    return 32L * inputLength + 8 * 1024;
  }

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /**
   * Bytes the current thread allocates running {@code decode}, measured after one run: the first
   * run of an error path also links its call sites (string concatenation), once per JVM.
   */
  static long allocatedBy(Runnable decode) {
    long before = THREADS.getCurrentThreadAllocatedBytes();
    decode.run();
    return THREADS.getCurrentThreadAllocatedBytes() - before;
  }

  @Test
  void seededMutationsOfMessagesNeverThrowAndStayBounded() {
    Random rnd = new Random(7296);
    List<byte[]> corpus = TruncationTest.validDatagrams();
    int accepted = 0;
    for (int i = 0; i < ROUNDS; i++) {
      byte[] m = Mutations.mutate(corpus.get(rnd.nextInt(corpus.size())), rnd);
      if (rnd.nextBoolean()) {
        // Keep the header length consistent so the mutation reaches the payloads.
        m = TruncationTest.withLengthField(m);
      }
      byte[] input = m;
      Decoded<IkeMessage> d = IkeDecoder.decode(input);
      long allocated = allocatedBy(() -> IkeDecoder.decode(input));
      assertTrue(
          allocated <= allocationBound(m.length),
          () -> allocated + " bytes allocated for " + input.length + ": " + Fixtures.hex(input));
      if (d instanceof Decoded.Ok<IkeMessage> ok) {
        accepted++;
        byte[] again = IkeEncoder.encode(ok.value());
        assertEquals(ok.value(), IkeDecoder.decode(again).orThrow());
        assertArrayEquals(again, IkeEncoder.encode(IkeDecoder.decode(again).orThrow()));
      }
    }
    // Some mutations must survive, or this would test only the header checks.
    assertTrue(accepted > ROUNDS / 50, accepted + " accepted");
  }

  @Test
  void seededMutationsOfSkPlaintextNeverThrowAndStayBounded() {
    Random rnd = new Random(7383);
    List<List<Payload>> corpus = List.of(Fixtures.everyPayload(), Fixtures.authInner());
    List<byte[]> plaintexts = new ArrayList<>();
    for (List<Payload> inner : corpus) {
      plaintexts.add(IkeEncoder.encodePayloads(inner));
    }
    for (int i = 0; i < ROUNDS / 2; i++) {
      int which = rnd.nextInt(corpus.size());
      byte[] p = Mutations.mutate(plaintexts.get(which), rnd);
      int first =
          rnd.nextInt(8) == 0 ? rnd.nextInt(256) : IkeEncoder.firstPayloadType(corpus.get(which));
      Decoded<List<Payload>> d = IkeDecoder.decodePayloads(first, p);
      long allocated = allocatedBy(() -> IkeDecoder.decodePayloads(first, p));
      assertTrue(
          allocated <= allocationBound(p.length),
          () -> allocated + " bytes allocated for " + p.length + ": " + Fixtures.hex(p));
      if (d instanceof Decoded.Ok<List<Payload>> ok) {
        byte[] again = IkeEncoder.encodePayloads(ok.value());
        assertEquals(
            ok.value(),
            IkeDecoder.decodePayloads(IkeEncoder.firstPayloadType(ok.value()), again).orThrow());
      }
    }
  }
}
