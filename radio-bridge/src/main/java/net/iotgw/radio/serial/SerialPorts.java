package net.iotgw.radio.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.io.IOException;

/**
 * Opens a jSerialComm port the way the link stages use it: 8N1, no flow control, reads that return
 * as soon as one byte is there or after {@link #READ_POLL_MILLIS}, writes that give up after {@link
 * #WRITE_TIMEOUT_MILLIS}.
 *
 * <p>PTYs: {@code SerialPort.getCommPort} resolves a symbolic link ({@code socat ... link=/tmp/x})
 * to its {@code /dev/pts/N}, and {@code openPort} succeeds on a PTY (one ioctl that only real UARTs
 * support fails with ENOTTY, which jSerialComm records and ignores), so no special option is
 * needed. When the other side of the PTY goes away (socat killed), a read returns -1 (EIO); that,
 * or a write error, is how a lost dongle shows.
 */
final class SerialPorts {
  /**
   * A blocked read returns after this long without data, so the reader stage can notice a
   * cancellation between reads; it costs a wake-up per period on an idle line, nothing more.
   */
  static final int READ_POLL_MILLIS = 50;

  /** A write that cannot drain for this long means the dongle stopped reading: the link is dead. */
  static final int WRITE_TIMEOUT_MILLIS = 2_000;

  private SerialPorts() {}

  static SerialPort open(LinkAddress.SerialDevice device) throws IOException {
    SerialPort port;
    try {
      port = SerialPort.getCommPort(device.path());
    } catch (SerialPortInvalidPortException e) {
      throw new IOException("no serial device at " + device.path(), e);
    }
    port.setComPortParameters(device.baudRate(), 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
    port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
    port.setComPortTimeouts(
        SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
        READ_POLL_MILLIS,
        WRITE_TIMEOUT_MILLIS);
    if (!port.openPort()) {
      throw new IOException(
          "cannot open " + device.path() + " (errno " + port.getLastErrorCode() + ")");
    }
    return port;
  }
}
