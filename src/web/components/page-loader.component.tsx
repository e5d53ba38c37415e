import { useTranslation } from 'react-i18next';

export function PageLoader() {
  const { t } = useTranslation();
  // A plain spinner (light.css): this shows on the first screen, before any of Mantine's code or CSS.
  return (
    <div className="kw-loader-box">
      <div className="kw-loader" role="status" aria-label={t('common.loading')} />
    </div>
  );
}

/**
 * The frame of a page while the app's code for it arrives (after signing in, the shell): the same
 * shapes as the page index.html shows before any code runs (its classes live there), never a white screen.
 */
export function FrameLoader() {
  const { t } = useTranslation();
  return (
    <div className="kw-boot" role="status" aria-busy="true" aria-label={t('common.loading')}>
      <div className="kw-boot-bar">
        <span className="kw-boot-name">Klantwerk</span>
      </div>
      <div className="kw-boot-main">
        <div className="kw-boot-line" style={{ height: 34, width: '60%' }} />
        <div className="kw-boot-line" style={{ height: 92 }} />
        <div className="kw-boot-line" style={{ height: 80 }} />
      </div>
    </div>
  );
}
