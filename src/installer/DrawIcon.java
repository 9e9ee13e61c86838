import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws the app's icon (our own art, no third-party images): a ranked list of three documents, each with the
 * p(true) dot the comparison table colours red (0) to green (1), on a dark blue tile. Writes the PNG jpackage uses on
 * Linux, and the same picture as a Windows .ico and a macOS .icns (both may hold PNG data as they are).
 *
 * <pre>java src/installer/DrawIcon.java src/installer</pre>
 */
public final class DrawIcon {
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "src/installer");
        byte[] png256 = png(draw(256));
        byte[] png512 = png(draw(512));
        Files.write(out.resolve("relevance-workbench.png"), png256);
        Files.write(out.resolve("relevance-workbench.ico"), ico(png256));
        Files.write(out.resolve("relevance-workbench.icns"), icns(png256, png512));
    }

    static BufferedImage draw(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        double u = size / 256.0;
        g.setColor(new Color(0x1f, 0x3a, 0x5f));
        g.fill(new RoundRectangle2D.Double(8 * u, 8 * u, 240 * u, 240 * u, 56 * u, 56 * u));
        Color[] dots = {new Color(0x3f, 0xb9, 0x50), new Color(0xe3, 0xb3, 0x41), new Color(0xe5, 0x53, 0x4b)};
        double[] lengths = {128, 100, 72};
        for (int i = 0; i < 3; i++) {
            double y = (62 + i * 54) * u;
            g.setColor(dots[i]);
            g.fill(new Ellipse2D.Double(40 * u, y, 36 * u, 36 * u));
            g.setColor(new Color(0xf4, 0xf7, 0xfb));
            g.fill(new RoundRectangle2D.Double(92 * u, y + 6 * u, lengths[i] * u, 24 * u, 24 * u, 24 * u));
        }
        // an instruction's arrow: the third document moves up
        g.setColor(new Color(0xf4, 0xf7, 0xfb));
        g.setStroke(new BasicStroke((float) (10 * u), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        int x = (int) Math.round(196 * u);
        g.drawLine(x, (int) Math.round(200 * u), x, (int) Math.round(150 * u));
        g.drawLine(x, (int) Math.round(150 * u), (int) Math.round(182 * u), (int) Math.round(164 * u));
        g.drawLine(x, (int) Math.round(150 * u), (int) Math.round(210 * u), (int) Math.round(164 * u));
        g.dispose();
        return image;
    }

    static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }

    /** An ICO with one 256×256 entry stored as PNG (Windows Vista and later read it). */
    static byte[] ico(byte[] png) {
        ByteBuffer b = ByteBuffer.allocate(6 + 16 + png.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0).putShort((short) 1).putShort((short) 1); // reserved, type icon, one image
        b.put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0); // 0 = 256 wide and high, no palette, reserved
        b.putShort((short) 1).putShort((short) 32).putInt(png.length).putInt(6 + 16); // planes, bits, size, offset
        b.put(png);
        return b.array();
    }

    /** An ICNS with 'ic08' (256×256) and 'ic09' (512×512) PNG entries. */
    static byte[] icns(byte[] png256, byte[] png512) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(body);
        d.writeBytes("ic08");
        d.writeInt(8 + png256.length);
        d.write(png256);
        d.writeBytes("ic09");
        d.writeInt(8 + png512.length);
        d.write(png512);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        DataOutputStream a = new DataOutputStream(all);
        a.writeBytes("icns");
        a.writeInt(8 + body.size());
        a.write(body.toByteArray());
        return all.toByteArray();
    }
}
