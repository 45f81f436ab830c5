/**
 * Writes the pictures a synthetic paper's articles name (`images/bild-<n>.jpg`, see
 * synthetic-paper.ts and rich-paper.ts): the sample paper's drawings, resized and each in another
 * hue, so every picture is distinct. The bench writes them camera-sized, so the first fill of the
 * picture cache does a paper's work; a test may write them small. `count` is the size of the
 * paper's pool: the plain paper's 60 unless told.
 */
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { SYNTHETIC_PICTURES } from './synthetic-paper.ts';

export async function writeSyntheticPictures(
  contentDir: string,
  projectRoot: string,
  size: { width: number; height: number } = { width: 2400, height: 1500 },
  count = SYNTHETIC_PICTURES,
): Promise<void> {
  await mkdir(path.join(contentDir, 'images'), { recursive: true });
  const sampleDir = path.join(projectRoot, 'content/images');
  const samples = (await readdir(sampleDir)).filter((name) => name.endsWith('.jpg')).sort();
  for (let index = 0; index < count; index++) {
    await sharp(path.join(sampleDir, samples[index % samples.length]!))
      .resize({ ...size, fit: 'cover' })
      .modulate({ hue: (index * 37) % 360 })
      .jpeg({ quality: 85 })
      .toFile(path.join(contentDir, `images/bild-${index}.jpg`));
  }
}
