import { createApp } from 'vue'
import PortalApp from './PortalApp.vue'
import { portalI18n } from './i18n'
import { portalRouter } from './router'
import './portal.css'

// The citizen portal: a separate entry (portal.html) served at /portal, with Vant instead of Element Plus so that a
// phone's first visit stays small (scripts/bundle-size.mjs holds it to its budget).
createApp(PortalApp).use(portalI18n).use(portalRouter).mount('#portal')
