package org.relevanceworkbench.formats;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes pixels as a PNG with the JDK's own encoder (java.desktop's ImageIO; no JavaFX, no javafx-swing), whole or
 * not at all ({@link AtomicFile}). Pixels are 0xAARRGGBB, row by row; the image is stored opaque (RGB), so a figure
 * pasted into a paper or a slide has no see-through corners.
 */
public final class PngFile {
    private PngFile() {
    }

    public static void write(Path target, int width, int height, int[] argb) throws Exception {
        if (width <= 0 || height <= 0 || argb.length < (long) width * height) {
            throw new IllegalArgumentException(width + " x " + height + " pixels from " + argb.length + " values");
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, width, height, argb, 0, width);
        AtomicFile.writeBytes(target, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("this JDK has no PNG encoder");
            }
        });
    }
}
