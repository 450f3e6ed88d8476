package net.iotgw.radio.spinel;

import net.iotgw.radio.spinel.PropertyValue.LongAddress;
import net.iotgw.radio.spinel.PropertyValue.PanId;
import net.iotgw.radio.spinel.PropertyValue.PhyChannel;
import net.iotgw.radio.spinel.PropertyValue.PhyEnabled;
import net.iotgw.radio.spinel.PropertyValue.PromiscuousMode;
import net.iotgw.radio.spinel.PropertyValue.RawStreamEnabled;
import net.iotgw.radio.spinel.PropertyValue.RawTransmit;
import net.iotgw.radio.spinel.PropertyValue.ShortAddress;
import net.iotgw.radio.spinel.PropertyValue.TxPower;

/**
 * The frames a host sends to bring up an RCP as a raw 802.15.4 radio and to transmit through it,
 * in the shapes OpenThread's own host ({@code RadioSpinel}, {@code SpinelDriver}) uses. All on IID
 * 0. Encode with {@link SpinelCodec#encode}, then frame with {@code HdlcEncoder}.
 *
 * <p>Every request except reset takes a TID from 1 to 15 (see {@link TidPool}); the RCP answers
 * with the same TID: a {@code PROP_VALUE_IS} of the property, or of {@code LAST_STATUS} on error. A
 * transmit is answered once the radio is done, by {@code LAST_STATUS} with the transmit's TID; with
 * TID 0 an OpenThread RCP would send no completion at all ({@code NcpBase::LinkRawTransmitDone}).
 */
public final class HostRequests {

  private HostRequests() {}

  /**
   * {@code CMD_RESET} with TID 0, as {@code SpinelDriver::SendReset} sends it: spinel.h says the
   * TID is ignored and the answer is an unsolicited {@code LAST_STATUS} with a reset reason
   * ({@link SpinelStatus#RESET_SOFTWARE}, or {@code RESET_POWER_ON} from some firmware).
   */
  public static SpinelFrame reset(ResetType type) {
    return new SpinelFrame(SpinelHeader.unsolicited(), SpinelMessage.Reset.of(type));
  }

  /** {@code CMD_NOOP}: a liveness check, answered by LAST_STATUS OK. */
  public static SpinelFrame noop(int tid) {
    return new SpinelFrame(request(tid), new SpinelMessage.Noop());
  }

  /** {@code CMD_PROP_VALUE_GET}, e.g. of PROTOCOL_VERSION, NCP_VERSION, CAPS, HWADDR. */
  public static SpinelFrame get(int tid, SpinelProperty property) {
    return new SpinelFrame(request(tid), new SpinelMessage.PropGet(property.id()));
  }

  /** {@code CMD_PROP_VALUE_SET} of a typed value. */
  public static SpinelFrame set(int tid, PropertyValue value) {
    return new SpinelFrame(
        request(tid), new SpinelMessage.PropValue(SpinelCommand.PROP_VALUE_SET, value));
  }

  public static SpinelFrame setChannel(int tid, int channel) {
    return set(tid, new PhyChannel(channel));
  }

  public static SpinelFrame setPanId(int tid, int panId) {
    return set(tid, new PanId(panId));
  }

  /** The extended address in canonical (big-endian) order, as spinel's {@code E} carries it. */
  public static SpinelFrame setLongAddress(int tid, long eui64) {
    return set(tid, new LongAddress(eui64));
  }

  public static SpinelFrame setShortAddress(int tid, int shortAddress) {
    return set(tid, new ShortAddress(shortAddress));
  }

  /** Received frames flow as unsolicited STREAM_RAW updates only while this is on. */
  public static SpinelFrame setRawStreamEnabled(int tid, boolean enabled) {
    return set(tid, new RawStreamEnabled(enabled));
  }

  public static SpinelFrame setPhyEnabled(int tid, boolean enabled) {
    return set(tid, new PhyEnabled(enabled));
  }

  public static SpinelFrame setPromiscuousMode(int tid, int mode) {
    return set(tid, new PromiscuousMode(mode));
  }

  public static SpinelFrame setTxPower(int tid, int dbm) {
    return set(tid, new TxPower(dbm));
  }

  /** {@code PROP_VALUE_SET STREAM_RAW}; completion is the LAST_STATUS carrying this TID. */
  public static SpinelFrame transmit(int tid, TransmitRequest request) {
    return set(tid, new RawTransmit(request));
  }

  private static SpinelHeader request(int tid) {
    if (tid < 1 || tid > SpinelHeader.MAX_TID) {
      throw new IllegalArgumentException("a host request needs a TID from 1 to 15: " + tid);
    }
    return SpinelHeader.tid(tid);
  }
}
