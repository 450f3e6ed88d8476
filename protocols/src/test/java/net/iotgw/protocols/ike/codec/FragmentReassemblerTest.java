package net.iotgw.protocols.ike.codec;

import static net.iotgw.protocols.ike.codec.Fixtures.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.iotgw.protocols.ike.codec.FragmentReassembler.Complete;
import net.iotgw.protocols.ike.codec.FragmentReassembler.Dropped;
import net.iotgw.protocols.ike.codec.FragmentReassembler.Pending;
import net.iotgw.protocols.ike.codec.FragmentReassembler.Reason;
import net.iotgw.protocols.ike.codec.FragmentReassembler.Step;
import org.junit.jupiter.api.Test;

class FragmentReassemblerTest {
  private static final int IDI = PayloadType.IDI.id();

  private FragmentReassembler r = new FragmentReassembler(8, 1000);

  /** Feeds one fragment of message {@code id} and keeps the reassembler that follows. */
  private FragmentReassembler.Outcome feed(long id, int number, int total, String plaintext) {
    Step step = r.accept(id, number, total, number == 1 ? IDI : 0, hex(plaintext));
    r = step.reassembler();
    return step.outcome();
  }

  @Test
  void fragmentsInOrderReassemble_rfc7383_2_6_2() {
    assertEquals(new Pending(1, 3), feed(1, 1, 3, "0102"));
    assertEquals(new Pending(2, 3), feed(1, 2, 3, "0304"));
    assertEquals(new Complete(1, IDI, hex("010203040506")), feed(1, 3, 3, "0506"));
    assertFalse(r.inProgress());
  }

  @Test
  void fragmentsOutOfOrderReassembleByNumber_rfc7383_2_6_2() {
    feed(1, 3, 3, "05");
    feed(1, 1, 3, "01");

    assertEquals(new Complete(1, IDI, hex("010305")), feed(1, 2, 3, "03"));
  }

  @Test
  void firstInnerTypeComesFromFragmentOneOnly_rfc7383_2_5() {
    r = r.accept(1, 2, 2, 41, hex("02")).reassembler();

    assertEquals(new Complete(1, IDI, hex("0102")), r.accept(1, 1, 2, IDI, hex("01")).outcome());
  }

  @Test
  void singleFragmentMessageCompletesAtOnce() {
    assertEquals(new Complete(9, IDI, hex("aa")), feed(9, 1, 1, "aa"));
  }

  @Test
  void duplicateFragmentIsDroppedAndTheRestStillCompletes_rfc7383_2_6_2() {
    feed(1, 1, 2, "01");

    assertEquals(new Dropped(Reason.DUPLICATE), feed(1, 1, 2, "ff"));
    assertEquals(new Complete(1, IDI, hex("0102")), feed(1, 2, 2, "02"));
  }

  @Test
  void fragmentWithSmallerTotalIsDropped_rfc7383_2_6_2() {
    feed(1, 1, 3, "01");

    assertEquals(new Dropped(Reason.SMALLER_TOTAL), feed(1, 2, 2, "02"));
    assertEquals(new Pending(2, 3), feed(1, 2, 3, "02"));
  }

  @Test
  void fragmentWithLargerTotalRestartsReassembly_rfc7383_2_6_2() {
    feed(1, 1, 2, "0102");

    assertEquals(new Pending(1, 3), feed(1, 2, 3, "03"));
    feed(1, 1, 3, "01");
    assertEquals(new Complete(1, IDI, hex("010305")), feed(1, 3, 3, "05"));
  }

  @Test
  void fragmentNumberZeroIsDropped_rfc7383_2_5() {
    assertEquals(new Dropped(Reason.BAD_NUMBERING), feed(1, 0, 2, "01"));
  }

  @Test
  void fragmentNumberAboveTotalIsDropped_rfc7383_2_6_2() {
    assertEquals(new Dropped(Reason.BAD_NUMBERING), feed(1, 3, 2, "01"));
    assertFalse(r.inProgress());
  }

  @Test
  void totalAboveTheFragmentLimitDropsTheMessage() {
    feed(1, 1, 8, "01");

    assertEquals(new Dropped(Reason.TOO_MANY_FRAGMENTS), feed(1, 2, 9, "02"));
    assertFalse(r.inProgress());
  }

  @Test
  void plaintextAboveTheByteLimitDropsTheMessage() {
    r = new FragmentReassembler(8, 4);
    feed(1, 1, 2, "010203");

    assertEquals(new Dropped(Reason.TOO_MANY_BYTES), feed(1, 2, 2, "0405"));
    assertFalse(r.inProgress());
    assertEquals(0, r.bytesHeld());
  }

  @Test
  void plaintextExactlyAtTheByteLimitCompletes() {
    r = new FragmentReassembler(8, 4);
    feed(1, 1, 2, "0102");

    assertEquals(new Complete(1, IDI, hex("01020304")), feed(1, 2, 2, "0304"));
  }

  @Test
  void fragmentOfAnOlderMessageIsDroppedWithoutDisturbingTheCurrentOne() {
    feed(5, 1, 2, "01");

    assertEquals(new Dropped(Reason.OLDER_MESSAGE), feed(4, 2, 2, "ff"));
    assertEquals(new Complete(5, IDI, hex("0102")), feed(5, 2, 2, "02"));
  }

  @Test
  void fragmentOfANewerMessageReplacesAnUnfinishedOne() {
    feed(5, 1, 2, "01");

    assertEquals(new Pending(1, 2), feed(6, 2, 2, "62"));
    assertEquals(new Complete(6, IDI, hex("6162")), feed(6, 1, 2, "61"));
  }

  @Test
  void acceptingLeavesThePreviousReassemblerUnchanged() {
    FragmentReassembler before = r;
    feed(1, 1, 2, "0102");

    assertFalse(before.inProgress());
    assertEquals(0, before.bytesHeld());
    assertTrue(r.inProgress());
    assertEquals(2, r.bytesHeld());
  }

  @Test
  void idleForgetsTheMessageInProgress() {
    feed(1, 1, 2, "01");
    r = r.idle();

    assertFalse(r.inProgress());
    assertEquals(new Pending(1, 2), feed(1, 2, 2, "02"));
  }

  @Test
  void storedFragmentsAreCopies() {
    byte[] plaintext = hex("01");
    r = r.accept(1, 1, 2, IDI, plaintext).reassembler();
    plaintext[0] = (byte) 0xff;

    assertEquals(new Complete(1, IDI, hex("0102")), feed(1, 2, 2, "02"));
  }

  @Test
  void limitsMustBeUsable() {
    assertThrows(IllegalArgumentException.class, () -> new FragmentReassembler(0, 100));
    assertThrows(IllegalArgumentException.class, () -> new FragmentReassembler(0x10000, 100));
    assertThrows(IllegalArgumentException.class, () -> new FragmentReassembler(4, -1));
  }
}
