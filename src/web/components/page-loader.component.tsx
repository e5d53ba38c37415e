import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function PageLoader() {
  const { t } = useTranslation();
  return (
    <Center mih={200} p="xl">
      <Loader aria-label={t('common.loading')} />
    </Center>
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
