import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { i18n } from './i18n'
import { router } from './router'
import { useSessionStore } from './stores/session'
import './styles.css'

const app = createApp(App)
app.use(createPinia())
app.use(i18n)
useSessionStore().watchExpiry()
app.use(router)
app.mount('#app')
