import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LANGUAGES, type Language, SURVEY_SCORE_MAX, SURVEY_SCORE_MIN } from '@redress/domain';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class AnswerSurveyDto {
  @ApiProperty({ minimum: SURVEY_SCORE_MIN, maximum: SURVEY_SCORE_MAX, example: 5, description: '1 very dissatisfied … 5 very satisfied' })
  @IsInt() @Min(SURVEY_SCORE_MIN) @Max(SURVEY_SCORE_MAX)
  score: number;

  @ApiPropertyOptional({ maxLength: 2000, example: '处理很及时，谢谢。' })
  @IsOptional() @IsString() @MaxLength(2000)
  comment?: string;
}

export class SurveyQuestionView {
  @ApiProperty({ example: 'CMP-2026-000123' }) reference: string;
  @ApiProperty({ enum: LANGUAGES, example: 'zh' }) language: Language;
  @ApiProperty({ example: '您对我们处理您的投诉（编号：CMP-2026-000123）的方式满意吗？请打分：1 分表示非常不满意，5 分表示非常满意。' })
  question: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class SurveyAnswerView {
  @ApiProperty({ example: 'CMP-2026-000123' }) reference: string;
  @ApiProperty({ example: 5 }) score: number;
  @ApiProperty({ format: 'date-time' }) answeredAt: string;
}
