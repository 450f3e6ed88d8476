package net.iotgw.radio.serial;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.SourceShape;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.AsyncCallback;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.stream.stage.GraphStageWithMaterializedValue;
import org.apache.pekko.util.ByteString;
import scala.Tuple2;

/**
 * The receiving half of one serial connection, and the owner of the port: opens it when the stage
 * starts, closes it when the stage stops, and hands the open port to the {@link SerialWriter} of
 * the same connection through {@code opened}.
 *
 * <p>Runs on the blocking-I/O dispatcher (see {@link SerialLink}). Each pull does one read that
 * blocks at most {@link SerialPorts#READ_POLL_MILLIS}; an empty read re-schedules itself through
 * the stage's own async callback, so cancellation and shutdown are processed between reads.
 * Materializes to a stage that completes when the port is open, or fails if it cannot be.
 */
final class SerialReader
    extends GraphStageWithMaterializedValue<SourceShape<ByteString>, CompletionStage<Done>> {

  private static final int CHUNK = 512;

  private final LinkAddress.SerialDevice device;
  private final CompletableFuture<SerialPort> opened;
  private final Outlet<ByteString> out = Outlet.create("SerialReader.out");
  private final SourceShape<ByteString> shape = SourceShape.of(out);

  SerialReader(LinkAddress.SerialDevice device, CompletableFuture<SerialPort> opened) {
    this.device = device;
    this.opened = opened;
  }

  @Override
  public SourceShape<ByteString> shape() {
    return shape;
  }

  @Override
  public Tuple2<GraphStageLogic, CompletionStage<Done>> createLogicAndMaterializedValue(
      Attributes attributes) {
    CompletableFuture<Done> connected = new CompletableFuture<>();
    GraphStageLogic logic =
        new GraphStageLogic(shape) {
          private final byte[] buf = new byte[CHUNK];
          private SerialPort port;
          private AsyncCallback<NotUsed> readAgain;

          {
            setHandler(
                out,
                new AbstractOutHandler() {
                  @Override
                  public void onPull() {
                    readOnce();
                  }
                });
          }

          @Override
          public void preStart() {
            readAgain = createAsyncCallback(x -> readOnce());
            try {
              port = SerialPorts.open(device);
            } catch (IOException e) {
              connected.completeExceptionally(e);
              opened.completeExceptionally(e);
              failStage(e);
              return;
            }
            connected.complete(Done.done());
            opened.complete(port);
          }

          private void readOnce() {
            if (isClosed(out) || !isAvailable(out)) {
              return;
            }
            int n = port.readBytes(buf, buf.length);
            if (n > 0) {
              push(out, ByteString.fromArray(buf, 0, n));
            } else if (n == 0) {
              readAgain.invoke(NotUsed.notUsed());
            } else {
              failStage(
                  new IOException(
                      "serial port "
                          + device.path()
                          + " lost (errno "
                          + port.getLastErrorCode()
                          + ")"));
            }
          }

          @Override
          public void postStop() {
            IOException stopped = new IOException("serial link stopped before the port opened");
            connected.completeExceptionally(stopped);
            opened.completeExceptionally(stopped);
            if (port != null) {
              port.closePort();
            }
          }
        };
    return Tuple2.apply(logic, connected);
  }
}
