import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { t, uiLanguage } from '../lib/i18n';
import { OptionsApp } from './OptionsApp';

document.documentElement.lang = uiLanguage();
document.title = t('optionsTitle');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <OptionsApp />
  </StrictMode>,
);
