package net.iotgw.radio.spinel;

import static net.iotgw.radio.spinel.SpinelData.readBool;
import static net.iotgw.radio.spinel.SpinelData.readInt8;
import static net.iotgw.radio.spinel.SpinelData.readStruct;
import static net.iotgw.radio.spinel.SpinelData.readUint16;
import static net.iotgw.radio.spinel.SpinelData.readUint32;
import static net.iotgw.radio.spinel.SpinelData.readUint64;
import static net.iotgw.radio.spinel.SpinelData.readUint8;

import java.util.Optional;
import net.iotgw.protocols.ieee802154.MacFrameCodec;
import net.iotgw.protocols.wire.DecodeError;
import net.iotgw.protocols.wire.Malformed;
import net.iotgw.protocols.wire.WireReader;
import net.iotgw.protocols.wire.WireWriter;

/**
 * The two value formats of {@code PROP_STREAM_RAW} (spinel.h, SPINEL_PROP_STREAM_RAW): a received
 * frame with its metadata ({@code d c c S t(C C X) t(i) t(C L)}, OpenThread {@code
 * NcpBase::PackRadioFrame}), and a transmit request ({@code d C C C b}, a prefix of what {@code
 * NcpBase::DecodeStreamRawTxRequest} reads).
 *
 * <p>Readers accept metadata that stops at any field boundary, inside or outside the structs, and
 * ignore fields after the ones known here (spinel.h: "Partially specified metadata MUST be
 * accepted"; "New fields may be appended"). A field cut in the middle is {@code TRUNCATED}. Writers
 * always write every field.
 */
final class StreamRawCodec {

  private StreamRawCodec() {}

  static ReceivedFrame readReceived(WireReader r) throws Malformed {
    byte[] psdu = readPsdu(r);
    int rssi = r.hasRemaining() ? readInt8(r, "RSSI") : ReceivedFrame.UNKNOWN_DBM;
    int noise = r.hasRemaining() ? readInt8(r, "noise floor") : ReceivedFrame.UNKNOWN_DBM;
    int flags = r.hasRemaining() ? readUint16(r, "metadata flags") : 0;
    int channel = 0;
    int lqi = 0;
    long timestamp = 0;
    if (r.hasRemaining()) {
      WireReader phy = readStruct(r, "PHY data");
      channel = phy.hasRemaining() ? readUint8(phy, "channel") : 0;
      lqi = phy.hasRemaining() ? readUint8(phy, "LQI") : 0;
      timestamp = phy.hasRemaining() ? readUint64(phy, "timestamp") : 0;
    }
    int receiveError = 0;
    if (r.hasRemaining()) {
      WireReader vendor = readStruct(r, "vendor data");
      receiveError = vendor.hasRemaining() ? PackedUint.read(vendor, "receive error") : 0;
    }
    int ackKeyId = 0;
    long ackFrameCounter = 0;
    if (r.hasRemaining()) {
      WireReader mac = readStruct(r, "MAC data");
      ackKeyId = mac.hasRemaining() ? readUint8(mac, "ACK key id") : 0;
      ackFrameCounter = mac.hasRemaining() ? readUint32(mac, "ACK frame counter") : 0;
    }
    return new ReceivedFrame(
        psdu, rssi, noise, flags, channel, lqi, timestamp, receiveError, ackKeyId, ackFrameCounter);
  }

  static void writeReceived(WireWriter w, ReceivedFrame f) {
    SpinelData.writeDataWithLength(w, f.psdu());
    SpinelData.writeInt8(w, f.rssi());
    SpinelData.writeInt8(w, f.noiseFloor());
    SpinelData.writeUint16(w, f.flags());
    WireWriter phy = new WireWriter(10);
    SpinelData.writeUint8(phy, f.channel());
    SpinelData.writeUint8(phy, f.lqi());
    SpinelData.writeUint64(phy, f.timestampMicros());
    SpinelData.writeStruct(w, phy.toByteArray());
    WireWriter vendor = new WireWriter(3);
    PackedUint.write(vendor, f.receiveError());
    SpinelData.writeStruct(w, vendor.toByteArray());
    WireWriter mac = new WireWriter(5);
    SpinelData.writeUint8(mac, f.ackKeyId());
    SpinelData.writeUint32(mac, f.ackFrameCounter());
    SpinelData.writeStruct(w, mac.toByteArray());
  }

  static TransmitRequest readTransmit(WireReader r) throws Malformed {
    byte[] psdu = readPsdu(r);
    int channel = readUint8(r, "transmit channel");
    int backoffs =
        r.hasRemaining()
            ? readUint8(r, "max CSMA backoffs")
            : TransmitRequest.DEFAULT_MAX_CSMA_BACKOFFS;
    int retries =
        r.hasRemaining()
            ? readUint8(r, "max frame retries")
            : TransmitRequest.DEFAULT_MAX_FRAME_RETRIES;
    boolean csma = !r.hasRemaining() || readBool(r, "CSMA-CA enabled");
    return new TransmitRequest(psdu, channel, backoffs, retries, csma);
  }

  static void writeTransmit(WireWriter w, TransmitRequest t) {
    SpinelData.writeDataWithLength(w, t.psdu());
    SpinelData.writeUint8(w, t.channel());
    SpinelData.writeUint8(w, t.maxCsmaBackoffs());
    SpinelData.writeUint8(w, t.maxFrameRetries());
    SpinelData.writeBool(w, t.csmaCaEnabled());
  }

  /** LAST_STATUS after the status: {@code b b} and optionally the ACK frame. */
  static TransmitDetails readTransmitDetails(WireReader r) throws Malformed {
    boolean framePending = readBool(r, "frame pending");
    boolean headerUpdated = readBool(r, "header updated");
    Optional<ReceivedFrame> ack =
        r.hasRemaining() ? Optional.of(readReceived(r)) : Optional.empty();
    return new TransmitDetails(framePending, headerUpdated, ack);
  }

  static void writeTransmitDetails(WireWriter w, TransmitDetails d) {
    SpinelData.writeBool(w, d.framePending());
    SpinelData.writeBool(w, d.headerUpdated());
    d.ack().ifPresent(ack -> writeReceived(w, ack));
  }

  /**
   * The PSDU length is checked before the bytes are copied (OT_RADIO_FRAME_MAX_SIZE, which is
   * aMaxPhyPacketSize).
   */
  private static byte[] readPsdu(WireReader r) throws Malformed {
    int at = r.position();
    int n = readUint16(r, "frame length");
    if (n > MacFrameCodec.MAX_PHY_PACKET_SIZE) {
      throw new Malformed(
          DecodeError.Kind.BAD_LENGTH,
          at,
          "802.15.4 frame of " + n + " bytes exceeds " + MacFrameCodec.MAX_PHY_PACKET_SIZE);
    }
    return r.bytes(n, "frame data");
  }
}
