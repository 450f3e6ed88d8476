package net.iotgw.radio.rcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.List;
import net.iotgw.radio.spinel.PropertyValue;
import net.iotgw.radio.spinel.ResetType;
import net.iotgw.radio.spinel.SpinelCapability;
import net.iotgw.radio.spinel.SpinelCommand;
import net.iotgw.radio.spinel.SpinelFrame;
import net.iotgw.radio.spinel.SpinelHeader;
import net.iotgw.radio.spinel.SpinelMessage;
import net.iotgw.radio.spinel.SpinelProperty;
import net.iotgw.radio.spinel.SpinelStatus;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.stream.BoundedSourceQueue;

/** The RCP side of a test, played by hand: sees each request, says each reply. */
final class ScriptedRcp {
  static final Duration WAIT = Duration.ofSeconds(3);

  final TestProbe<SpinelFrame> requests;
  final BoundedSourceQueue<SpinelFrame> replies;

  ScriptedRcp(TestProbe<SpinelFrame> requests, BoundedSourceQueue<SpinelFrame> replies) {
    this.requests = requests;
    this.replies = replies;
  }

  SpinelFrame expectRequest() {
    return requests.receiveMessage(WAIT);
  }

  void expectReset() {
    SpinelFrame reset = expectRequest();
    assertEquals(
        new SpinelFrame(SpinelHeader.unsolicited(), SpinelMessage.Reset.of(ResetType.STACK)),
        reset);
  }

  void reply(int tid, PropertyValue value) {
    replies.offer(
        new SpinelFrame(
            SpinelHeader.tid(tid),
            new SpinelMessage.PropValue(SpinelCommand.PROP_VALUE_IS, value)));
  }

  void unsolicited(PropertyValue value) {
    reply(0, value);
  }

  void resetStatus(SpinelStatus reason) {
    unsolicited(new PropertyValue.LastStatus(reason));
  }

  /** Expects a GET of {@code property} and returns its TID. */
  int expectGet(SpinelProperty property) {
    SpinelFrame f = expectRequest();
    SpinelMessage.PropGet get = assertInstanceOf(SpinelMessage.PropGet.class, f.message());
    assertEquals(property.id(), get.propertyId(), "GET of " + property);
    return f.tid();
  }

  /** Expects a SET of exactly {@code value}, echoes it as a real RCP does, returns its TID. */
  int expectSetAndEcho(PropertyValue value) {
    SpinelFrame f = expectRequest();
    SpinelMessage.PropValue set = assertInstanceOf(SpinelMessage.PropValue.class, f.message());
    assertEquals(SpinelCommand.PROP_VALUE_SET, set.command());
    assertEquals(value, set.value());
    reply(f.tid(), value);
    return f.tid();
  }

  static final List<Integer> RCP_CAPS =
      List.of(
          SpinelCapability.IEEE_802_15_4_2450MHZ_OQPSK.id(),
          SpinelCapability.CONFIG_RADIO.id(),
          SpinelCapability.RCP_API_VERSION.id());

  /** Answers the whole bring-up after the reset status, checking every request on the way. */
  void answerBringUp(RcpConfig config) {
    reply(expectGet(SpinelProperty.PROTOCOL_VERSION), new PropertyValue.ProtocolVersion(4, 3));
    reply(
        expectGet(SpinelProperty.NCP_VERSION),
        new PropertyValue.NcpVersion("OPENTHREAD/test; RCP"));
    reply(expectGet(SpinelProperty.CAPS), new PropertyValue.Caps(RCP_CAPS));
    expectSetAndEcho(new PropertyValue.PhyChannel(config.channel()));
    expectSetAndEcho(new PropertyValue.PanId(config.panId()));
    expectSetAndEcho(new PropertyValue.LongAddress(config.extendedAddress()));
    expectSetAndEcho(new PropertyValue.ShortAddress(config.shortAddress()));
    expectSetAndEcho(new PropertyValue.PhyEnabled(true));
    expectSetAndEcho(new PropertyValue.RawStreamEnabled(true));
  }

  /** Expects a STREAM_RAW transmit and returns it. */
  SpinelFrame expectTransmit() {
    SpinelFrame f = expectRequest();
    SpinelMessage.PropValue set = assertInstanceOf(SpinelMessage.PropValue.class, f.message());
    assertInstanceOf(PropertyValue.RawTransmit.class, set.value());
    return f;
  }

  void complete(int tid, SpinelStatus status) {
    reply(tid, new PropertyValue.LastStatus(status));
  }
}
