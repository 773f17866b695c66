import { loadConfig } from '../src/config';
import { exportOpenData } from '../src/use-cases/open-data';
import { connectGraph } from './graph-connection';

/**
 * `npm run export`: writes the open-data export of the published directory (JSON, two CSV files,
 * the ECCC Atlas export and the DCAT-AP description) into OPEN_DATA_DIR, as the server's nightly
 * schedule does. The new files replace the old ones at once (src/use-cases/open-data.ts), so a
 * running server serves either the old export or the new one, never a mix. URLs in the files start
 * with PUBLIC_URL: set the server's.
 */
async function main() {
  const config = loadConfig();
  const executor = await connectGraph(config);
  try {
    const started = Date.now();
    const manifest = await exportOpenData({ executor, dir: config.OPEN_DATA_DIR, publicUrl: config.PUBLIC_URL });
    const files = manifest.files.map((file) => `${file.name} (${file.bytes} bytes)`).join(', ');
    console.log(
      `open data written to ${config.OPEN_DATA_DIR} in ${Date.now() - started} ms: ${manifest.companies} companies, ${manifest.products} products; ${files}`,
    );
  } finally {
    await executor.driver.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
