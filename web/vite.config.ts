/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url'
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { defineConfig, type Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import { VantResolver } from '@vant/auto-import-resolver'

/**
 * Writes a Brotli (.br) and a gzip (.gz) copy beside each text asset of the build. The server sends the copy the
 * browser accepts (src/Hotline/Infrastructure/Web/Workbench.cs), so nothing is compressed per request.
 */
function precompress(): Plugin {
  let outDir = 'dist'
  return {
    name: 'hotline-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir
    },
    closeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir).flatMap((name) => {
          const path = join(dir, name)
          return statSync(path).isDirectory() ? walk(path) : [path]
        })
      for (const file of walk(outDir)) {
        if (!/\.(js|mjs|css|html|svg|json|txt)$/.test(file)) continue
        const content = readFileSync(file)
        if (content.length < 1024) continue
        writeFileSync(`${file}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }))
        writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }))
      }
    },
  }
}

/**
 * Vant's icon font names a copy on a foreign CDN after its embedded one; the portal loads nothing from elsewhere (the
 * server's Content-Security-Policy refuses it, and a citizen's phone should not call a third party), so the build
 * keeps the embedded font only.
 */
function vantIconsOffline(): Plugin {
  return {
    name: 'hotline-vant-icons-offline',
    enforce: 'pre',
    transform(code, id) {
      if (!/vant[\\/]es[\\/]icon[\\/]index\.css$/.test(id)) return null
      const offline = code.replace(/,\s*url\((?:https?:)?\/\/at\.alicdn\.com[^)]*\)\s*format\("woff"\)/g, '')
      if (offline === code || /alicdn/.test(offline)) throw new Error('the Vant icon font no longer names its CDN copy as expected: update vantIconsOffline')
      return { code: offline, map: null }
    },
  }
}

/** In `npm run dev`, the portal's client routes (/portal, /portal/track…) open portal.html, as the server does. */
function portalPages(): Plugin {
  return {
    name: 'hotline-portal-pages',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        if (req.url && /^\/portal(\/[^.]*)?(\?.*)?$/.test(req.url)) req.url = '/portal.html'
        next()
      })
    },
  }
}

// `npm run dev` serves the SPA with hot reload and forwards the API to a running server (HOTLINE_SERVER).
const server = process.env.HOTLINE_SERVER ?? 'http://127.0.0.1:5080'

export default defineConfig({
  plugins: [
    vue(),
    // Element Plus (workbench) and Vant (citizen portal) components and their styles are imported where a template
    // uses them, nowhere else.
    Components({ resolvers: [ElementPlusResolver({ importStyle: 'css' }), VantResolver()], dts: false }),
    precompress(),
    portalPages(),
    vantIconsOffline(),
  ],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    proxy: { '/api': server, '/openapi': server, '/health': server, '/hubs': { target: server, ws: true } },
  },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 700,
    reportCompressedSize: false,
    // dist/.vite/manifest.json: the chunk graph that scripts/bundle-size.mjs measures (not served).
    manifest: true,
    // Two pages: the staff workbench (index.html) and the citizen portal (portal.html, served at /portal).
    rolldownOptions: {
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        portal: fileURLToPath(new URL('./portal.html', import.meta.url)),
      },
    },
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
    // Components' tests load Element Plus through Vite, which takes the style imports that Node cannot.
    server: { deps: { inline: ['element-plus'] } },
  },
})
