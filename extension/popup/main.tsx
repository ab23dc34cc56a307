import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { t, uiLanguage } from '../lib/i18n';
import { PopupApp } from './PopupApp';

document.documentElement.lang = uiLanguage();
document.title = t('extensionName');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PopupApp />
  </StrictMode>,
);
