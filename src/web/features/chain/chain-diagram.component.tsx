import { Box } from '@mantine/core';
import { type MouseEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Chain, ChainArrow } from '../../../contracts/promises.contract';
import { useIsPhone } from '../../components/use-is-phone';
import {
  arrowCurve,
  arrowWidth,
  type Curve,
  loopCurve,
  nameSpot,
  type Point,
  placeOnCircle,
  shorten,
} from './chain-geometry';
import { arrowKey } from './chain-model';
import { useArrowText } from './use-arrow-text';

// The chain as a picture: the teams on a circle, every hand-off an arrow from the giving team to
// the receiving one. Its size is in viewBox units, so it shrinks to a phone's width; the same
// figures are in the table below it.

const VIEW = { width: 400, height: 360 };
const CENTER: Point = { x: VIEW.width / 2, y: VIEW.height / 2 };
const RING = 115;
const NODE_RADIUS = 13;

const COLORS = {
  arrow: 'var(--mantine-color-blue-6)',
  weak: 'var(--mantine-color-red-7)',
  active: 'var(--mantine-color-blue-2)',
  activeWeak: 'var(--mantine-color-red-2)',
  node: 'var(--mantine-color-blue-0)',
  nodeStroke: 'var(--mantine-color-blue-8)',
  text: 'var(--mantine-color-dark-7)',
  halo: 'var(--mantine-color-body)',
};

/** A plain click opens the page here; with a modifier key the browser's own handling (a new tab) stays. */
function useOpen() {
  const navigate = useNavigate();
  return (event: MouseEvent, path: string) => {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    event.preventDefault();
    void navigate(path);
  };
}

interface DrawnArrow {
  arrow: ChainArrow;
  key: string;
  curve: Curve;
  width: number;
  head: number;
}

export function ChainDiagram({
  chain,
  arrowPath,
  nodePath,
}: {
  chain: Chain;
  arrowPath: (arrow: ChainArrow) => string;
  nodePath: (teamId: string) => string;
}) {
  const { t } = useTranslation();
  const text = useArrowText();
  const open = useOpen();
  const markerId = `chain-head-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const [active, setActive] = useState<string | null>(null);

  // On a phone the picture is drawn smaller: its letters a size larger in the viewBox's units.
  const phone = useIsPhone();
  const many = chain.nodes.length > 8;
  const nameFont = (many ? 10 : 12) + (phone ? 1.5 : 0);
  const nameChars = many ? 11 : 14;
  const labelFont = phone ? 11 : 10;
  const spots = placeOnCircle(chain.nodes.length, CENTER, RING);
  const spotOf = new Map(chain.nodes.map((node, i) => [node.id, spots[i]!]));
  const most = Math.max(1, ...chain.arrows.map((a) => a.handoffs));
  const looped = new Set(chain.arrows.filter((a) => a.from.id === a.to.id).map((a) => a.from.id));

  // The weak links are drawn last, on top of the others.
  const drawn: DrawnArrow[] = [...chain.arrows.filter((a) => !a.weak), ...chain.arrows.filter((a) => a.weak)].flatMap(
    (arrow) => {
      const from = spotOf.get(arrow.from.id);
      const to = spotOf.get(arrow.to.id);
      if (!from || !to) return [];
      const width = arrowWidth(arrow.handoffs, most) + (arrow.weak ? 1.5 : 0);
      const head = Math.round(6 + width * 1.4);
      const trim = { trimStart: NODE_RADIUS + 1, trimEnd: NODE_RADIUS + head + 1 };
      const curve =
        arrow.from.id === arrow.to.id ? loopCurve(from, CENTER, { ...trim, size: 42 }) : arrowCurve(from, to, trim);
      return [{ arrow, key: arrowKey(arrow), curve, width, head }];
    },
  );

  const leave = (key: string) => setActive((current) => (current === key ? null : current));
  const pointer = (key: string) => ({ onMouseEnter: () => setActive(key), onMouseLeave: () => leave(key) });
  const focus = (key: string) => ({ onFocus: () => setActive(key), onBlur: () => leave(key) });

  return (
    <Box maw={560} mx="auto">
      {/* biome-ignore lint/a11y/useSemanticElements: inside SVG there is no fieldset; role="group" is the way */}
      <svg
        viewBox={`0 0 ${VIEW.width} ${VIEW.height}`}
        width="100%"
        // A group of links, not one picture: role="img" would hide the links inside it from a screen reader.
        role="group"
        aria-label={t('chain.pictureLabel')}
        style={{ display: 'block', height: 'auto', overflow: 'visible', fontFamily: 'inherit' }}
      >
        <defs>
          {drawn.map((d, i) => (
            <marker
              key={d.key}
              id={`${markerId}-${i}`}
              viewBox="0 0 10 10"
              refX="0"
              refY="5"
              markerUnits="userSpaceOnUse"
              markerWidth={d.head}
              markerHeight={d.head}
              orient="auto"
            >
              <path d="M0 1 L10 5 L0 9 z" fill={d.arrow.weak ? COLORS.weak : COLORS.arrow} />
            </marker>
          ))}
        </defs>

        {drawn.map((d, i) => {
          const isActive = active === d.key;
          const color = d.arrow.weak ? COLORS.weak : COLORS.arrow;
          const path = arrowPath(d.arrow);
          const sentence = text.sentence(d.arrow);
          return (
            <a
              key={d.key}
              href={path}
              tabIndex={0}
              aria-label={sentence}
              onClick={(event) => open(event, path)}
              {...pointer(d.key)}
              {...focus(d.key)}
            >
              <title>{sentence}</title>
              {/* A wide invisible stroke: a thin arrow is still easy to hit with a finger. */}
              <path d={d.curve.d} fill="none" stroke="transparent" strokeWidth={Math.max(16, d.width + 10)} />
              {isActive && (
                <path
                  d={d.curve.d}
                  fill="none"
                  stroke={d.arrow.weak ? COLORS.activeWeak : COLORS.active}
                  strokeWidth={d.width + 8}
                  strokeLinecap="round"
                />
              )}
              <path
                d={d.curve.d}
                fill="none"
                stroke={color}
                strokeWidth={d.width}
                opacity={active && !isActive ? 0.45 : 0.9}
                markerEnd={`url(#${markerId}-${i})`}
              />
            </a>
          );
        })}

        {chain.nodes.map((node) => {
          const spot = spotOf.get(node.id)!;
          const place = nameSpot(spot, CENTER, {
            nodeRadius: NODE_RADIUS,
            fontSize: nameFont,
            textWidth: Math.min(node.name.length, nameChars) * nameFont * 0.6,
            viewWidth: VIEW.width,
            loop: looped.has(node.id),
          });
          const name = shorten(node.name, Math.min(nameChars, place.maxChars));
          const path = nodePath(node.id);
          const label = t('chain.nodeText', {
            name: node.name,
            given: node.given,
            received: node.received,
            thanks: node.thanks,
          });
          return (
            <a key={node.id} href={path} tabIndex={0} onClick={(event) => open(event, path)}>
              {/* The link's name, whole (an SVG link is named by its title); the drawn name may be shortened. */}
              <title>{label}</title>
              <circle
                cx={spot.x}
                cy={spot.y}
                r={NODE_RADIUS}
                fill={COLORS.node}
                stroke={COLORS.nodeStroke}
                strokeWidth={2}
              />
              <text
                x={place.x}
                y={place.y}
                textAnchor={place.anchor}
                fontSize={nameFont}
                fontWeight={600}
                fill={COLORS.text}
                stroke={COLORS.halo}
                strokeWidth={3}
                paintOrder="stroke"
                strokeLinejoin="round"
              >
                {name}
              </text>
            </a>
          );
        })}

        {/* Labels on top of the arrows; a click on one opens its arrow (the keyboard has the arrow itself).
            On a phone only the weak links and the arrow touched are labelled: the table below has every figure. */}
        {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: the labels are a mouse shortcut; nothing in here takes focus */}
        <g aria-hidden="true">
          {drawn
            .filter((d) => !phone || d.arrow.weak || active === d.key)
            .map((d) => {
              const path = arrowPath(d.arrow);
              return (
                // biome-ignore lint/a11y/noStaticElementInteractions: a mouse shortcut to the arrow, which the keyboard reaches itself
                <text
                  key={d.key}
                  x={d.curve.label.x}
                  y={d.curve.label.y + labelFont * 0.35}
                  textAnchor="middle"
                  fontSize={labelFont}
                  fontWeight={d.arrow.weak || active === d.key ? 700 : 500}
                  fill={d.arrow.weak ? COLORS.weak : COLORS.text}
                  stroke={COLORS.halo}
                  strokeWidth={3}
                  paintOrder="stroke"
                  strokeLinejoin="round"
                  style={{ cursor: 'pointer' }}
                  onClick={(event) => open(event, path)}
                  {...pointer(d.key)}
                >
                  {text.short(d.arrow)}
                </text>
              );
            })}
        </g>
      </svg>
    </Box>
  );
}
