package net.iotgw.radio.serial;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.SinkShape;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AsyncCallback;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.util.ByteString;

/**
 * The sending half of one serial connection. It waits for the {@link SerialReader} to open the
 * port, then pulls one chunk at a time and writes it out completely before pulling the next, so a
 * slow UART backpressures the stream. Runs on the blocking-I/O dispatcher.
 */
final class SerialWriter extends GraphStage<SinkShape<ByteString>> {

  private final LinkAddress.SerialDevice device;
  private final CompletionStage<SerialPort> opened;
  private final Inlet<ByteString> in = Inlet.create("SerialWriter.in");
  private final SinkShape<ByteString> shape = SinkShape.of(in);

  SerialWriter(LinkAddress.SerialDevice device, CompletionStage<SerialPort> opened) {
    this.device = device;
    this.opened = opened;
  }

  @Override
  public SinkShape<ByteString> shape() {
    return shape;
  }

  @Override
  public GraphStageLogic createLogic(Attributes attributes) {
    return new GraphStageLogic(shape) {
      private SerialPort port;

      {
        setHandler(
            in,
            new AbstractInHandler() {
              @Override
              public void onPush() {
                write(grab(in));
              }
            });
      }

      @Override
      public void preStart() {
        AsyncCallback<SerialPort> ready =
            createAsyncCallback(
                p -> {
                  port = p;
                  pull(in);
                });
        // The reader fails the connection if the port does not open; this side just stops.
        AsyncCallback<Throwable> notOpened = createAsyncCallback(e -> cancelStage(e));
        opened.whenComplete(
            (p, e) -> {
              if (e == null) {
                ready.invoke(p);
              } else {
                notOpened.invoke(e);
              }
            });
      }

      private void write(ByteString chunk) {
        byte[] bytes = chunk.toArray();
        int offset = 0;
        while (offset < bytes.length) {
          int n = port.writeBytes(bytes, bytes.length - offset, offset);
          if (n <= 0) {
            failStage(
                new IOException(
                    "serial port "
                        + device.path()
                        + (n == 0 ? " stopped draining" : " lost")
                        + " (errno "
                        + port.getLastErrorCode()
                        + ")"));
            return;
          }
          offset += n;
        }
        pull(in);
      }
    };
  }
}
