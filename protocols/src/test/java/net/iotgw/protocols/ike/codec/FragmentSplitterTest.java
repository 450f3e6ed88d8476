package net.iotgw.protocols.ike.codec;

import static net.iotgw.protocols.ike.codec.Fixtures.hex;
import static net.iotgw.protocols.ike.codec.Fixtures.seq;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FragmentSplitterTest {
  /** IPv6 minimum MTU less IPv6 (40), UDP (8) and the non-ESP marker of port 4500 (4). */
  private static final int IPV6_IKE_MESSAGE = 1280 - 40 - 8 - 4;

  @Test
  void cutsFullChunksAndARemainder() {
    List<byte[]> chunks = FragmentSplitter.split(seq(0, 10), 4);

    assertEquals(3, chunks.size());
    assertArrayEquals(seq(0, 4), chunks.get(0));
    assertArrayEquals(seq(4, 4), chunks.get(1));
    assertArrayEquals(seq(8, 2), chunks.get(2));
  }

  @Test
  void exactMultipleHasNoEmptyTail() {
    assertEquals(2, FragmentSplitter.split(seq(0, 8), 4).size());
  }

  @Test
  void emptyPlaintextIsOneEmptyChunk() {
    List<byte[]> chunks = FragmentSplitter.split(new byte[0], 4);

    assertEquals(1, chunks.size());
    assertEquals(0, chunks.get(0).length);
  }

  @Test
  void moreThan65535ChunksAreRefused_rfc7383_2_5() {
    assertThrows(
        IllegalArgumentException.class, () -> FragmentSplitter.split(new byte[0x10000], 1));
  }

  @Test
  void chunkForAesGcmOverTheIpv6MinimumMtu_rfc7383_2_5_1() {
    // 1228 - 28 IKE header - 8 SKF header - 8 IV - 16 ICV, less the Pad Length octet.
    assertEquals(1167, FragmentSplitter.maxChunkLength(IPV6_IKE_MESSAGE, 8, 16, 1));
  }

  @Test
  void chunkForAesCbcRoundsDownToWholeBlocks_rfc7296_3_14() {
    // 1228 - 28 - 8 - 16 IV - 16 ICV = 1160, whole 16-byte blocks 1152, less Pad Length.
    assertEquals(1151, FragmentSplitter.maxChunkLength(IPV6_IKE_MESSAGE, 16, 16, 16));
  }

  @Test
  void sizesWithoutRoomForDataAreRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> FragmentSplitter.maxChunkLength(60, 8, 16, 1));
  }

  @Test
  void everyFragmentMessageFitsTheLimit_rfc7383_2_5_1() {
    int iv = 8;
    int icv = 16;
    int limit = 200;
    int chunk = FragmentSplitter.maxChunkLength(limit, iv, icv, 1);
    IkeHeader header = IkeHeader.of(1, 2, ExchangeType.IKE_AUTH, true, false, 1);
    byte[] plaintext = IkeEncoder.encodePayloads(Fixtures.authInner());
    List<byte[]> chunks = FragmentSplitter.split(plaintext, chunk);

    for (int i = 0; i < chunks.size(); i++) {
      int body = iv + chunks.get(i).length + 1 + icv;
      byte[] prefix = IkeEncoder.encodeSkfPrefix(header, List.of(), 0, i + 1, chunks.size(), body);
      assertTrue(prefix.length + body <= limit);
    }
    assertEquals(limit, IkeHeader.LENGTH + 8 + iv + chunk + 1 + icv);
  }

  @Test
  void splitReassembledAndDecodedGivesTheInnerPayloadsBack_rfc7383_2_6_2() {
    List<Payload> inner = Fixtures.authInner();
    byte[] plaintext = IkeEncoder.encodePayloads(inner);
    List<byte[]> chunks = FragmentSplitter.split(plaintext, 50);
    FragmentReassembler r = new FragmentReassembler(16, 4096);
    FragmentReassembler.Outcome last = null;
    // Last fragment first, then the rest in order.
    for (int k = 0; k < chunks.size(); k++) {
      int number = k == 0 ? chunks.size() : k;
      int first = number == 1 ? IkeEncoder.firstPayloadType(inner) : 0;
      FragmentReassembler.Step step =
          r.accept(7, number, chunks.size(), first, chunks.get(number - 1));
      r = step.reassembler();
      last = step.outcome();
    }

    FragmentReassembler.Complete done = assertInstanceOf(FragmentReassembler.Complete.class, last);
    assertEquals(hex(plaintext), hex(done.plaintext()));
    assertEquals(
        inner, IkeDecoder.decodePayloads(done.firstPayloadType(), done.plaintext()).orThrow());
  }
}
